// The IN_TOUCH edges into the contacts of $contact_ids made exactly $rows ({employee_id,
// contact_id, since, until, ats, ws}): one edge per run of days on which the employee is
// acquainted with the contact by activity, with the activities that weigh on those days.
CALL () {
  UNWIND $contact_ids AS contact_id
  MATCH (:Employee)-[t:IN_TOUCH]->(:Contact {id: contact_id})
  DELETE t
}
CALL () {
  UNWIND $rows AS row
  MATCH (e:Employee {id: row.employee_id})
  MATCH (c:Contact {id: row.contact_id})
  CREATE (e)-[:IN_TOUCH {since: row.since, until: row.until, ats: row.ats, ws: row.ws}]->(c)
}
