// Accounts in scope as of $as_of, by id: every account ($owner_ids null), or those the given
// employees OWN on that date. One list, in parts: Graph.read_list.
CALL () {
  WITH 1 AS company WHERE $owner_ids IS NULL
  MATCH (a:Account)
  RETURN a
  UNION
  UNWIND coalesce($owner_ids, []) AS owner_id
  MATCH (:Employee {id: owner_id})-[r:OWNS]->(a:Account)
  WHERE <<valid r>>
  RETURN a
}
WITH a ORDER BY a.id
WITH collect({account_id: a.id, name: a.name, focus: coalesce(a.focus, false),
              industry: a.industry}) AS rows
<<include db/in_parts with rows>>
