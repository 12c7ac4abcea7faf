// The contacts of every account ($account_ids null) or of these whom we ($us) assessed between
// $since and $until (both included), at most $limit, each with the whole history of our
// assessments up to $until, oldest first (of two on a day, the one entered first): what a
// feature moved from is the value before. One list: Graph.read_list.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (s:Assessment)
  WHERE s.at >= $since AND s.at <= $until AND s.toward = $us
  RETURN DISTINCT s.contact_id AS contact_id
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (c:Contact {account_id: account_id})
  WHERE EXISTS {
    MATCH (c)-[:HAS_ASSESSMENT]->(s:Assessment)
    WHERE s.at >= $since AND s.at <= $until AND s.toward = $us
  }
  RETURN c.id AS contact_id
}
WITH contact_id ORDER BY contact_id
LIMIT $limit
MATCH (c:Contact {id: contact_id})
CALL (c) {
  MATCH (c)-[:HAS_ASSESSMENT]->(s:Assessment)
  WHERE s.toward = $us AND s.at <= $until
  WITH s ORDER BY s.at, coalesce(s.entered_at, datetime({epochMillis: 0}))
  RETURN collect(s {.at, .opportunity_id, .closeness, .solution, .price, .veto, .approver,
                    .entered_by_employee}) AS history
}
RETURN collect({contact_id: c.id, account_id: c.account_id, name: c.name,
                history: history}) AS rows
