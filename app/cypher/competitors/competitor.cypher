MATCH (k:Competitor {id: $id})
RETURN k.id AS id, k.name AS name
