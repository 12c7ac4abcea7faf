// The IN_TOUCH edges of $gone ({contact_id, employee_id, since}) deleted, and those of $rows
// ({contact_id, employee_id, since, until, ats, ws}) made so: an edge whose run of days still
// starts on `since` is updated in place, a new one created. An employee's edges into a contact
// are runs of days apart, so `since` tells them apart (app/network/touch.py).
CALL () {
  UNWIND $gone AS old
  MATCH (:Employee {id: old.employee_id})-[t:IN_TOUCH]->(:Contact {id: old.contact_id})
  WHERE t.since = old.since
  DELETE t
}
CALL () {
  UNWIND $rows AS row
  MATCH (e:Employee {id: row.employee_id})
  MATCH (c:Contact {id: row.contact_id})
  MERGE (e)-[t:IN_TOUCH {since: row.since}]->(c)
  SET t.until = row.until, t.ats = row.ats, t.ws = row.ws
}
