MATCH (p:Principal {token_hash: $token_hash})
WHERE p.revoked_at IS NULL
RETURN p {.id, .role, .employee_id, .scopes, .can_write} AS principal
