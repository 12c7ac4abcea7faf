// Template: <<repeat steps>> ... <</repeat>> is written once per step of a path search but the
// first (app/kpis/breakthrough.py).
// Raises the version of the kept breakthrough list (kpis/keep_breakthroughs) of every account
// a write of $ids (whatever it named: contacts, third parties, deals, and others, which do not
// count) may have changed: the accounts of the deals it named, those whose lists name one of
// these deals (which may have moved to another account), and of the focus deals whose
// decision chains hold a contact within the steps of one it named, downstream the way a path
// goes (a contact influences the next, or either reports to the other). A path to a member can
// only change through what lies upstream of it within those steps: its first step from an
// employee, an edge, an intermediary's attitudes, or the member's own. Accounts in id order.
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
WITH collect(DISTINCT CASE WHEN n:Opportunity THEN n END) AS deals,
     collect(DISTINCT CASE WHEN n:Contact OR n:ThirdParty THEN n END) AS frontier
WITH [o IN deals | o.account_id] + CASE WHEN deals = [] THEN [] ELSE COLLECT {
       MATCH (b:BreakthroughState)
       WHERE any(deal IN b.deals WHERE deal IN [o IN deals | o.id])
       RETURN b.account_id
     } END AS direct, frontier
WITH direct, frontier, frontier AS near
<<repeat steps>>
CALL (frontier) {
  UNWIND frontier AS a
  MATCH (a)-[r:INFLUENCES|REPORTS_TO]-(b:Contact|ThirdParty)
  WHERE type(r) = 'REPORTS_TO' OR startNode(r) = a
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
