// What the IN_TOUCH edges into each contact of $contact_ids and the days the trend of each pair
// turned cooling are made from (app/network/touch.py): the shared activities (none private to
// anyone) of each employee who took part, and the edges and turns as they are, so that only
// those that differ are written. Dates go as ISO strings
// (app.db.graph.iso_days). Each contact's lock is taken first,
// so two writes rebuilding one contact's edges follow one another. One list: read as
// Graph.read_list does.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})
SET c._lock = true
REMOVE c._lock
WITH c
RETURN collect({
  contact_id: c.id,
  activities: COLLECT {
    MATCH (e:Employee)-[:PARTICIPATED_IN]->(act:Activity)-[:WITH_CONTACT]->(c)
    WHERE act.private_to IS NULL
    RETURN {employee_id: e.id, at: toString(act.at), type: act.type}
  },
  touches: COLLECT {
    MATCH (e:Employee)-[t:IN_TOUCH]->(c)
    RETURN {employee_id: e.id, since: toString(t.since), until: toString(t.until),
            ats: [d IN t.ats | toString(d)], ws: t.ws}
  },
  turns: COLLECT {
    MATCH (k:CoolingTurn {contact_id: c.id})
    RETURN {employee_id: k.employee_id, day: toString(k.day), from: k.from, to: k.to,
            touch_since: [d IN coalesce(k.touch_since, []) | toString(d)],
            touch_until: [d IN coalesce(k.touch_until, []) | toString(d)]}
  }
}) AS rows
