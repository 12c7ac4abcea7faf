// Each activity's edges to its participants, contacts and deal, created where missing (cheaper
// than MERGE, which locked both ends of every edge: 7.7 s -> 4.4 s for 98k activities at 1x).
// Writing the activity first takes its lock, so two imports of the same activity cannot both
// find an edge missing and create it twice (it rewrites the value merge_nodes just set). An
// activity marked private that another of our employees now took part in is shared again: it
// counts for them too, and they would neither see nor undo it (as PATCH refuses to make one
// private that others attended).
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
WITH act
WHERE act.private_to IS NOT NULL
  AND EXISTS { MATCH (e:Employee)-[:PARTICIPATED_IN]->(act) WHERE e.id <> act.private_to }
REMOVE act.private_to
