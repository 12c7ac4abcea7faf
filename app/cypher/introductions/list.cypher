// Introductions an employee asked for ($direction 'outgoing'), was asked for ('incoming') or
// both (null); every introduction for $employee_id null, newest first.
MATCH (i:Introduction)
WHERE $employee_id IS NULL
   OR ($direction IS NULL AND (i.requester_id = $employee_id OR i.colleague_id = $employee_id))
   OR ($direction = 'outgoing' AND i.requester_id = $employee_id)
   OR ($direction = 'incoming' AND i.colleague_id = $employee_id)
WITH i ORDER BY i.created_at DESC LIMIT $limit
CALL (i) {
  <<include introductions/shown>>
}
RETURN introduction
