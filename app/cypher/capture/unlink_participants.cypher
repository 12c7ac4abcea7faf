// The people a captured activity no longer has ($rows: id, employee_ids, contact_ids): an
// invitation's attendees change, and ingestion/link_activities only adds.
UNWIND $rows AS row
MATCH (act:Activity {id: row.id})
CALL (act, row) {
  MATCH (e:Employee)-[r:PARTICIPATED_IN]->(act)
  WHERE NOT e.id IN row.employee_ids
  DELETE r
}
CALL (act, row) {
  MATCH (act)-[r:WITH_CONTACT]->(c:Contact)
  WHERE NOT c.id IN row.contact_ids
  DELETE r
}
