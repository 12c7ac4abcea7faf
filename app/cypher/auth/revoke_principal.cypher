MATCH (p:Principal {id: $id})
WHERE p.revoked_at IS NULL
SET p.revoked_at = datetime()
RETURN p.id AS id
