// The active principal's password hash (null: it signs in with a token only).
MATCH (p:Principal {id: $id})
WHERE p.revoked_at IS NULL
RETURN p.password_hash AS password_hash
