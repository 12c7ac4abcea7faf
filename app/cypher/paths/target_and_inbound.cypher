// The target contact, with who inside the customer (indirect key persons), among third parties
// and among rivals' staff influences it as of $as_of, strongest first, at most $limit. No row
// when there is no such contact. A part of paths/influence_paths.
MATCH (target:Contact {id: $target_id})
RETURN target.id AS id, target.name AS name, target.account_id AS account_id,
       COLLECT {
         MATCH (target)<-[r:INFLUENCES]-(source)
         WHERE (source:Contact OR source:CompetitorStaff OR source:ThirdParty)
           AND <<valid r>>
           AND (r.opportunity_id IS NULL OR r.opportunity_id = $opportunity_id)
         OPTIONAL MATCH (source)-[w:WORKS_FOR]->(rival:Competitor)
         WHERE <<valid w>>
         WITH source, r, rival
         ORDER BY coalesce(r.strength, $influence_default) DESC, source.id
         LIMIT $limit
         RETURN {id: source.id, kind: [l IN labels(source) WHERE l <> 'Entity'][0],
                 name: source.name, title: source.title, account_id: source.account_id,
                 competitor_id: rival.id,
                 competitor_name: rival.name, strength: r.strength}
       } AS influenced_by
