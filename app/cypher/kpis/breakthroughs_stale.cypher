// Template: <<repeat steps>> ... <</repeat>> is written once per step of a path search but the
// first (app/kpis/breakthrough.py).
// Raises the version of the kept breakthrough list (kpis/keep_breakthroughs) of every account
// a write of $ids (whatever it named: contacts, third parties, deals, and others, which do not
// count) may have changed: $accounts (where the deals it named were before it: a deal may
// move), the accounts of the deals it named, and of the focus deals whose
// decision chains hold a contact within the steps of one it named, downstream the way a path
// goes (a contact influences the next, or either reports to the other). A path to a member can
// only change through what lies upstream of it within those steps: its first step from an
// employee, an edge, an intermediary's attitudes, or the member's own. Accounts in id order.
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
WITH collect(DISTINCT CASE WHEN n:Opportunity THEN n END) AS deals,
     collect(DISTINCT CASE WHEN n:Contact OR n:ThirdParty THEN n END) AS frontier
WITH $accounts + [o IN deals | o.account_id] AS direct, frontier
WITH direct, frontier, frontier AS near
<<repeat steps>>
CALL (frontier) {
  UNWIND frontier AS a
  CALL (a) {
    MATCH (a)-[:INFLUENCES]->(b:Contact|ThirdParty)
    RETURN b
    UNION
    MATCH (a)-[:REPORTS_TO]-(b:Contact|ThirdParty)
    RETURN b
  }
  RETURN collect(DISTINCT b) AS next
}
WITH direct, next AS frontier, near + next AS near
<</repeat>>
CALL (near) {
  UNWIND near AS t
  MATCH (t:Contact)-[:IN_DECISION_CHAIN]->(o:Opportunity)
  WHERE o.focus = true
  RETURN collect(DISTINCT o.account_id) AS chained
}
UNWIND direct + chained AS account_id
WITH DISTINCT account_id
WHERE account_id IS NOT NULL
ORDER BY account_id
MERGE (b:BreakthroughState {account_id: account_id})
SET b.version = coalesce(b.version, 0) + 1
