// The shared activities (none private to anyone) of each contact of $contact_ids with each
// employee who took part: what its IN_TOUCH edges are made from (app/network/touch.py). Each
// contact's lock is taken first, so two writes rebuilding one contact's edges follow one
// another. One list: read as Graph.read_list does.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})
SET c._lock = true
REMOVE c._lock
WITH c
MATCH (e:Employee)-[:PARTICIPATED_IN]->(act:Activity)-[:WITH_CONTACT]->(c)
WHERE act.private_to IS NULL
RETURN collect({contact_id: c.id, employee_id: e.id, at: act.at, type: act.type}) AS rows
