// The dated edges of the scope's accounts (every account for $account_ids null) that began or
// ended between $since and $until (both included), at most $limit of each kind (the first by
// deal or account, then contact: the same ones every time): decision-chain members of
// their deals added (since) or removed (until), contacts who left them (WORKS_AT until). The
// company's are sought by their days (V027's indexes), a scope's from its accounts.
// One list: Graph.read_list.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (c:Contact)-[r:IN_DECISION_CHAIN]->(o:Opportunity)
  WHERE r.since >= $since AND r.since <= $until
  RETURN c, r, o
  UNION
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (c:Contact)-[r:IN_DECISION_CHAIN]->(o:Opportunity)
  WHERE r.until >= $since AND r.until <= $until
  RETURN c, r, o
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (o:Opportunity {account_id: account_id})<-[r:IN_DECISION_CHAIN]-(c:Contact)
  WHERE (r.since >= $since AND r.since <= $until) OR (r.until >= $since AND r.until <= $until)
  RETURN c, r, o
}
RETURN 'member' AS kind, o.account_id AS account_id, o.id AS opportunity_id, c.id AS contact_id,
       c.name AS name, r.role AS role, r.since AS since, r.until AS until
ORDER BY opportunity_id, contact_id, since
LIMIT $limit
UNION
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (c:Contact)-[r:WORKS_AT]->(a:Account)
  WHERE r.until >= $since AND r.until <= $until
  RETURN c, r, a
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (a:Account {id: account_id})<-[r:WORKS_AT]-(c:Contact)
  WHERE r.until >= $since AND r.until <= $until
  RETURN c, r, a
}
RETURN 'left' AS kind, a.id AS account_id, null AS opportunity_id, c.id AS contact_id,
       c.name AS name, null AS role, r.since AS since, r.until AS until
ORDER BY account_id, contact_id, until
LIMIT $limit
