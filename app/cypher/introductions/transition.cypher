// Move an introduction along its workflow only from the statuses that allow it; a message
// (the colleague's answer, say) is kept as its reply.
MATCH (i:Introduction {id: $id})
WHERE i.status IN $from_statuses
SET i.status = $to_status, i.updated_at = datetime(), i.reply = coalesce($message, i.reply),
    i.history = i.history + [$to_status + '@' + toString(datetime())]
WITH i
CALL (i) {
  <<include introductions/shown>>
}
RETURN introduction
