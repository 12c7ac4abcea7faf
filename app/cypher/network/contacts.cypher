// An employee's contacts as of $as_of: those with a general INFLUENCES edge from the employee
// valid then (the strongest: `declared`), and those the employee met in activities on days from
// $since to $as_of (each activity's day and type; one private to an employee counts only when
// that employee asks, $me), at any account: whom one knows is one's own, wherever they work. At
// most $limit contacts, each with its activities newest first (at most $per_contact). One list.
MATCH (e:Employee {id: $employee_id})
CALL (e) {
  MATCH (e)-[r:INFLUENCES]->(c:Contact)
  WHERE r.opportunity_id IS NULL AND <<valid r>>
  RETURN c, max(coalesce(r.strength, $influence_default)) AS declared
  UNION
  MATCH (e)-[:PARTICIPATED_IN]->(act:Activity)-[:WITH_CONTACT]->(c:Contact)
  WHERE act.at >= $since AND act.at <= $as_of
    AND (act.private_to IS NULL OR act.private_to = $me)
  RETURN DISTINCT c, null AS declared
}
WITH c, max(declared) AS declared
ORDER BY c.id
LIMIT $limit
CALL (c) {
  MATCH (:Employee {id: $employee_id})-[:PARTICIPATED_IN]->(act:Activity)-[:WITH_CONTACT]->(c)
  WHERE act.at >= $since AND act.at <= $as_of
    AND (act.private_to IS NULL OR act.private_to = $me)
  WITH act ORDER BY act.at DESC
  LIMIT $per_contact
  RETURN collect({at: act.at, type: act.type}) AS activities
}
OPTIONAL MATCH (a:Account {id: c.account_id})
RETURN collect({contact_id: c.id, name: c.name, account_id: c.account_id,
                account_name: a.name, declared: declared, activities: activities}) AS rows
