// The dated edges of the scope's accounts (every account for $account_ids null) that began or
// ended between $since and $until (both included), at most $limit of each kind (the first by
// deal or account, then contact: the same ones every time): decision-chain members of
// their deals added (since) or removed (until), contacts who left them (WORKS_AT until).
// One list: Graph.read_list.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (o:Opportunity)
  RETURN o
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (o:Opportunity {account_id: account_id})
  RETURN o
}
MATCH (o)<-[r:IN_DECISION_CHAIN]-(c:Contact)
WHERE (r.since >= $since AND r.since <= $until) OR (r.until >= $since AND r.until <= $until)
RETURN 'member' AS kind, o.account_id AS account_id, o.id AS opportunity_id, c.id AS contact_id,
       c.name AS name, r.role AS role, r.since AS since, r.until AS until
ORDER BY opportunity_id, contact_id, since
LIMIT $limit
UNION
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (a:Account)
  RETURN a
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (a:Account {id: account_id})
  RETURN a
}
MATCH (a)<-[r:WORKS_AT]-(c:Contact)
WHERE r.until >= $since AND r.until <= $until
RETURN 'left' AS kind, a.id AS account_id, null AS opportunity_id, c.id AS contact_id,
       c.name AS name, null AS role, r.since AS since, r.until AS until
ORDER BY account_id, contact_id, until
LIMIT $limit
