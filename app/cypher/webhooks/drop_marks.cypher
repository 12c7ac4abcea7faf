// The marks this pass ($pass_id) turned into events, gone (in the events' own transaction).
MATCH (m:OutboxMark)
WHERE m.id IN $ids AND m.pass = $pass_id
DETACH DELETE m
