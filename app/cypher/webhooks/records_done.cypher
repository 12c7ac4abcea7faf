// The marks whose dated records' events this pass ($pass_id) made, left for the deal states'
// pass (in the events' own transaction), free to be taken at once.
MATCH (m:OutboxMark)
WHERE m.id IN $ids AND m.pass = $pass_id
SET m.records_done = true, m.lease_until = null
