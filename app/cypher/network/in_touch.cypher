// The employees who know a contact as of $as_of: with a general INFLUENCES edge to it valid then
// (the strongest: `declared`), or with activities together on days from $since to $as_of (each
// activity's day and type; one private to an employee counts only when that employee asks,
// $me). At most $limit employees, each with their activities newest first (at most
// $per_contact). One list.
MATCH (c:Contact {id: $contact_id})
CALL (c) {
  MATCH (e:Employee)-[r:INFLUENCES]->(c)
  WHERE r.opportunity_id IS NULL AND <<valid r>>
  RETURN e, max(coalesce(r.strength, $influence_default)) AS declared
  UNION
  MATCH (e:Employee)-[:PARTICIPATED_IN]->(act:Activity)-[:WITH_CONTACT]->(c)
  WHERE act.at >= $since AND act.at <= $as_of
    AND (act.private_to IS NULL OR act.private_to = $me)
  RETURN DISTINCT e, null AS declared
}
WITH c, e, max(declared) AS declared
ORDER BY e.id
LIMIT $limit
CALL (c, e) {
  MATCH (e)-[:PARTICIPATED_IN]->(act:Activity)-[:WITH_CONTACT]->(c)
  WHERE act.at >= $since AND act.at <= $as_of
    AND (act.private_to IS NULL OR act.private_to = $me)
  WITH act ORDER BY act.at DESC
  LIMIT $per_contact
  RETURN collect({at: act.at, type: act.type}) AS activities
}
RETURN collect({employee_id: e.id, name: e.name, declared: declared,
                activities: activities}) AS rows
