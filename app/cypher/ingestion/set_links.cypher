// Template: <<rel_type>> is a LinkType, of which a node has at most one current edge.
// Pointing it elsewhere ends the current edge today (one not begun yet, on its start: it held
// on no day) and starts a new one; the first link
// starts on the row's `since` (a new contact's), else has no start date (known for as long as
// we know the node). The new edge keeps who entered it ($entered, as merge_nodes), the ended
// one who ended it (as ingestion/end_relationship).
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[current:<<rel_type>>]->(b)
WHERE current.until IS NULL
WITH a, b, row, current
WHERE current IS NULL
OPTIONAL MATCH (a)-[old:<<rel_type>>]->()
WHERE old.until IS NULL
SET old.until = CASE WHEN old.since > $today THEN old.since ELSE $today END,
    old.ended_by_principal = $entered.entered_by_principal,
    old.ended_by_employee = $entered.entered_by_employee, old.ended_at = $entered.entered_at,
    old.ended_source = $entered.source
WITH a, b, row, count(old) AS moved
WITH a, b, CASE WHEN moved > 0 THEN $today ELSE row.since END AS since
CREATE (a)-[link:<<rel_type>> {
  since: since,
  key: '<<rel_type>>|' + a.id + '|' + b.id + '||' + coalesce(toString(since), '')
}]->(b)
SET link += $entered
