// Template: <<repeat steps>> ... <</repeat>> is written once per step of a path search but the
// first (app/kpis/kept.py).
// Raises the versions of the kept answers of every account a write of $ids (whatever it named:
// contacts, third parties, accounts, deals; others do not count) may have changed (`version`
// for the KPI answers, `deals_version` for the deal states):
// - the customer line's figures (kpis/keep_customers): the accounts it named, those its
//   contacts work or worked at (their key-person pieces), its deals' accounts, and $accounts
//   (where the deals it named were before it: a deal may move);
// - the breakthrough lists (kpis/keep_breakthroughs) and the change feed's deal states
//   (changes/keep_deal_states): the deals' accounts as well, and those of the deals (focus
//   deals for the lists, any for the states) whose decision chains hold a contact within the
//   steps of one it named, downstream the way a path goes (a contact influences the next, or
//   either reports to the other). A path to a member can only change through what lies
//   upstream of it within those steps: its first step from an employee, an edge, an
//   intermediary's attitudes, or the member's own.
// Accounts in id order. The epoch's lock is taken first, so that writes mark one after the
// other, each seeing what those before it committed: a path that two writes at once make
// together (one adds an edge, the other a chain member it leads to) is found by the later one.
// Held until the commit, the lock also numbers the writes in the order they commit (`writes`):
// each account marked keeps the number of the latest write that marked it (`touched`), so that
// a company's summary kept at a number reads only the accounts touched since. `marked` counts
// the writes that mark `touched` (an older version of this query, still running during an
// upgrade, raises `writes` alone: the summaries then stop holding, app/kpis/kept.py).
MERGE (lock:KeptEpoch {id: 'kept'})
ON CREATE SET lock.n = 0, lock.token = randomUUID()
SET lock.writes = coalesce(lock.writes, 0) + 1, lock.marked = coalesce(lock.marked, 0) + 1
WITH lock
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
WITH lock, collect(DISTINCT CASE WHEN n:Opportunity THEN n END) AS deals,
     collect(DISTINCT CASE WHEN n:Account THEN n.id END) AS accounts,
     collect(DISTINCT CASE WHEN n:Contact OR n:ThirdParty THEN n END) AS frontier
// The writes of deals or the leverage on them ($deals), counted apart: the company's won deals
// change only with them (app/kpis/scope_data.py won_deals).
SET lock.deal_writes = coalesce(lock.deal_writes, 0) + CASE WHEN $deals THEN 1 ELSE 0 END,
    lock.deal_write_at = CASE WHEN $deals THEN lock.writes ELSE lock.deal_write_at END
WITH $accounts + accounts + [o IN deals | o.account_id]
     + COLLECT { UNWIND frontier AS c MATCH (c)-[:WORKS_AT]->(a:Account) RETURN a.id } AS direct,
     frontier
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
  RETURN collect(DISTINCT CASE WHEN o.focus = true THEN o.account_id END) AS chained,
         collect(DISTINCT o.account_id) AS chained_deals
}
WITH direct + chained AS answers, chained_deals
UNWIND answers + chained_deals AS account_id
WITH DISTINCT account_id, answers
WHERE account_id IS NOT NULL
ORDER BY account_id
MATCH (lock:KeptEpoch {id: 'kept'})
MERGE (k:KeptAccount {account_id: account_id})
SET k.touched = lock.writes, k.deals_version = coalesce(k.deals_version, 0) + 1,
    k.version = coalesce(k.version, 0) + CASE WHEN account_id IN answers THEN 1 ELSE 0 END
