// The dated edges of the scope's accounts (every account for $account_ids null) that began or
// ended between $since and $until (both included), at most $limit of each kind (the first by
// deal or account, then contact: the same ones every time): decision-chain members of
// their deals added (since) or removed (until), contacts who left them (WORKS_AT until), and
// the lines of their political map (a contact's or a third party's influence on one of their
// contacts, a contact reporting to one; a colleague's acquaintance is their own network, no
// line of the map): drawn (since) or ended (until). A line belongs to the account of the person
// it points to, and to a scope when its other end, a contact, and its deal, if it has one, are
// on the scope's accounts too.
// The company's are sought by their days (V027's and V043's indexes), a scope's from its
// accounts.
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
       c.name AS name, r.role AS role, r.since AS since, r.until AS until, null AS from_id,
       null AS from_name, null AS line, null AS strength
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
       c.name AS name, null AS role, r.since AS since, r.until AS until, null AS from_id,
       null AS from_name, null AS line, null AS strength
ORDER BY account_id, contact_id, until
LIMIT $limit
UNION
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (f)-[r:INFLUENCES]->(c:Contact)
  WHERE r.since >= $since AND r.since <= $until
  RETURN f, r, c
  UNION
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (f)-[r:INFLUENCES]->(c:Contact)
  WHERE r.until >= $since AND r.until <= $until
  RETURN f, r, c
  UNION
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (f)-[r:REPORTS_TO]->(c:Contact)
  WHERE r.since >= $since AND r.since <= $until
  RETURN f, r, c
  UNION
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (f)-[r:REPORTS_TO]->(c:Contact)
  WHERE r.until >= $since AND r.until <= $until
  RETURN f, r, c
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (c:Contact {account_id: account_id})<-[r:INFLUENCES|REPORTS_TO]-(f)
  WHERE ((r.since >= $since AND r.since <= $until) OR (r.until >= $since AND r.until <= $until))
    AND (f:ThirdParty OR f.account_id IN $account_ids)
    // A deal's own line, of a deal on the scope's accounts (a deal elsewhere is not the
    // scope's to name).
    AND (r.opportunity_id IS NULL
         OR EXISTS { MATCH (o:Opportunity {id: r.opportunity_id}) WHERE o.account_id IN $account_ids })
  RETURN f, r, c
}
WITH f, r, c
WHERE f:Contact OR f:ThirdParty
RETURN 'line' AS kind, c.account_id AS account_id, r.opportunity_id AS opportunity_id,
       c.id AS contact_id, c.name AS name, null AS role, r.since AS since, r.until AS until,
       f.id AS from_id, f.name AS from_name, type(r) AS line, r.strength AS strength
ORDER BY account_id, contact_id, from_id, since
LIMIT $limit
