// Each activity's edges to its participants, contacts and deal, created where missing (cheaper
// than MERGE, which locked both ends of every edge: 7.7 s -> 4.4 s for 98k activities at 1x).
// Writing the activity first takes its lock, so two imports of the same activity cannot both
// find an edge missing and create it twice (it rewrites the value merge_nodes just set).
UNWIND $rows AS row
MATCH (act:Activity {id: row.id})
SET act.employee_ids = row.employee_ids
WITH act, row
CALL (act, row) {
  UNWIND row.employee_ids AS employee_id
  MATCH (e:Employee {id: employee_id})
  WHERE NOT EXISTS { (e)-[:PARTICIPATED_IN]->(act) }
  CREATE (e)-[:PARTICIPATED_IN]->(act)
}
CALL (act, row) {
  UNWIND row.contact_ids AS contact_id
  MATCH (c:Contact {id: contact_id})
  WHERE NOT EXISTS { (act)-[:WITH_CONTACT]->(c) }
  CREATE (act)-[:WITH_CONTACT]->(c)
}
CALL (act, row) {
  MATCH (o:Opportunity {id: row.opportunity_id})
  WHERE NOT EXISTS { (act)-[:ABOUT]->(o) }
  CREATE (act)-[:ABOUT]->(o)
}
