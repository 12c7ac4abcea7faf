// Move an introduction along its workflow only from the statuses that allow it; a message
// (the colleague's answer, say) is kept as its reply, and beside the others sent with a step
// (`messages`: "<status>@<moment> <text>", oldest first).
MATCH (i:Introduction {id: $id})
WHERE i.status IN $from_statuses
WITH i, toString(datetime()) AS now
SET i.status = $to_status, i.updated_at = datetime(now), i.reply = coalesce($message, i.reply),
    i.history = i.history + [$to_status + '@' + now],
    i.messages = coalesce(i.messages, []) + CASE WHEN $message IS NULL THEN []
                                                 ELSE [$to_status + '@' + now + ' ' + $message] END
WITH i
CALL (i) {
  <<include introductions/shown>>
}
RETURN introduction
