// Up to $limit searchable nodes without a search key (stored before keys existed), with what
// the key is made of. The caller sets their keys and asks again until none is left.
MATCH (n:Entity)
WHERE (n:Contact OR n:Account OR n:Opportunity OR n:Employee) AND n.search IS NULL
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, n.name AS name,
       n.title AS title, n.department AS department
LIMIT $limit
