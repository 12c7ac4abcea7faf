// The key persons of every account ($account_ids null) or of these on $as_of, each with the
// last day on or before $as_of that we ($us) assessed each feature, in general or for a deal,
// and the day their importance was judged (null: never, or not by $as_of). One list, by
// account and contact id: Graph.read_list.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (c:Contact)-[w:WORKS_AT]->(a:Account)
  WHERE <<key_person c>> AND <<valid w>>
  RETURN c, a
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (c:Contact)-[w:WORKS_AT]->(a:Account {id: account_id})
  WHERE <<key_person c>> AND <<valid w>>
  RETURN c, a
}
WITH DISTINCT c, a ORDER BY a.id, c.id
LIMIT $limit
CALL (c) {
  OPTIONAL MATCH (c)-[:HAS_ASSESSMENT]->(s:Assessment)
  WHERE s.toward = $us AND s.at <= $as_of
  RETURN max(CASE WHEN s.closeness IS NOT NULL THEN s.at END) AS closeness,
         max(CASE WHEN s.solution IS NOT NULL THEN s.at END) AS solution,
         max(CASE WHEN s.price IS NOT NULL THEN s.at END) AS price,
         max(CASE WHEN s.veto IS NOT NULL THEN s.at END) AS veto,
         max(CASE WHEN s.approver IS NOT NULL THEN s.at END) AS approver,
         max(s.at) AS any_feature
}
// Days as ISO strings (app.db.graph.iso_days): seven for each of a company's 50k key persons.
RETURN collect({contact_id: c.id, name: c.name, account_id: a.id, account_name: a.name,
                last: {closeness: toString(closeness), solution: toString(solution),
                       price: toString(price), veto: toString(veto),
                       approver: toString(approver),
                       importance: CASE WHEN c.importance_at <= $as_of
                                   THEN toString(c.importance_at) END},
                last_assessed: toString(any_feature)}) AS rows
