MATCH (c:Contact {id: $id})
RETURN c.id AS id, c.name AS name, c.account_id AS account_id
