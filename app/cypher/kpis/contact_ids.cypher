// Every contact's id, for rebuilding every KPI piece.
MATCH (c:Contact)
RETURN c.id AS id
ORDER BY id
