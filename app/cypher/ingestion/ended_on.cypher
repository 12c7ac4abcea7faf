// Template: <<rel_type>> is a RelType. Whether the relationship has an edge that ended on
// $until: a request to end it then that comes again (a retry) finds it ended.
MATCH (a:Entity {id: $from})-[r:<<rel_type>>]->(b:Entity {id: $to})
WHERE r.until = $until AND coalesce(r.opportunity_id, '') = coalesce($opportunity_id, '')
RETURN count(r) > 0 AS ended
