// Who inside the customer (indirect key persons) and among rivals' staff influences the
// target as of $as_of, with each source's latest closeness toward us.
MATCH (target:Contact {id: $target_id})<-[r:INFLUENCES]-(source)
WHERE (source:Contact OR source:CompetitorStaff)
  AND (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until > $as_of)
  AND (r.opportunity_id IS NULL OR r.opportunity_id = $opportunity_id)
OPTIONAL MATCH (source)-[:WORKS_FOR]->(rival:Competitor)
RETURN source.id AS id, [l IN labels(source) WHERE l <> 'Entity'][0] AS kind,
       source.name AS name, source.title AS title, rival.id AS competitor_id,
       r.strength AS strength
ORDER BY coalesce(r.strength, $influence_default) DESC, id
LIMIT $limit
