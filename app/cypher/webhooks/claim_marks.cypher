// The oldest marks of a stage (the dated records' events made or not: $records_done) that no
// worker holds, held by this pass ($pass_id) for $lease_s seconds: a worker that dies leaves
// them to be taken again. One list, without the ids each mark names (an import's mark names up
// to 100,000): webhooks/accounts_near reads them where they are.
MATCH (m:OutboxMark)
WHERE m.at IS NOT NULL AND (m.lease_until IS NULL OR m.lease_until < datetime())
  AND coalesce(m.records_done, false) = $records_done
WITH m ORDER BY m.at
LIMIT $limit
SET m.pass = $pass_id, m.lease_until = datetime() + duration({seconds: $lease_s})
RETURN collect(m {.id, .since, .until, .clock}) AS rows
