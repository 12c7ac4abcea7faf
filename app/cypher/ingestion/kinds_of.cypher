// One row per kind with the ids of that kind: the async driver pays per record, so a list per
// kind returns a 20k-id lookup about ten times faster than a row per id.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH [label IN labels(n) WHERE label <> 'Entity'][0] AS kind, collect(n.id) AS ids
RETURN kind, ids
