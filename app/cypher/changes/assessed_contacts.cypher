// The contacts of every account ($account_ids null) or of these whom we ($us) assessed between
// $since and $until (both included), by id, at most $limit. One list: Graph.read_list.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (s:Assessment)
  WHERE s.toward = $us AND s.at >= $since AND s.at <= $until
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
RETURN collect({contact_id: contact_id}) AS rows
