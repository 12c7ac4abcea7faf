// The oldest marks no worker holds, held by this pass ($pass_id) for $lease_s seconds: a worker
// that dies leaves them to be taken again. One list.
MATCH (m:OutboxMark)
WHERE m.at IS NOT NULL AND (m.lease_until IS NULL OR m.lease_until < datetime())
WITH m ORDER BY m.at
LIMIT $limit
SET m.pass = $pass_id, m.lease_until = datetime() + duration({seconds: $lease_s})
RETURN collect(m {.id, .since, .until, .ids, .clock}) AS rows
