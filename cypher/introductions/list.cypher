// Introductions an employee asked for or was asked for (all of them for $employee_id null).
MATCH (i:Introduction)
WHERE $employee_id IS NULL OR i.requester_id = $employee_id OR i.colleague_id = $employee_id
RETURN i {.*, created_at: toString(i.created_at), updated_at: toString(i.updated_at)} AS introduction
ORDER BY i.created_at DESC
LIMIT $limit
