// Template: <<rel_type>> is a RelType. Ending sets `until`; nothing is deleted.
MATCH (a:Entity {id: $from})-[r:<<rel_type>>]->(b:Entity {id: $to})
WHERE r.until IS NULL
  AND coalesce(r.opportunity_id, '') = coalesce($opportunity_id, '')
  AND (r.since IS NULL OR r.since < $until)
SET r.until = $until
RETURN count(r) AS ended
