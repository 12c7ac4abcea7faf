UNWIND $rows AS row
MATCH (act:Activity {id: row.id})
CALL (act, row) {
  UNWIND row.employee_ids AS employee_id
  MATCH (e:Employee {id: employee_id})
  MERGE (e)-[:PARTICIPATED_IN]->(act)
}
CALL (act, row) {
  UNWIND row.contact_ids AS contact_id
  MATCH (c:Contact {id: contact_id})
  MERGE (act)-[:WITH_CONTACT]->(c)
}
CALL (act, row) {
  MATCH (o:Opportunity {id: row.opportunity_id})
  MERGE (act)-[:ABOUT]->(o)
}
