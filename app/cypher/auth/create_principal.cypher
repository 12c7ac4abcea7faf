CREATE (p:Principal {id: $id, token_hash: $token_hash, role: $role, employee_id: $employee_id,
                     scopes: $scopes, can_write: $can_write, name: $name,
                     created_at: datetime(), revoked_at: null})
RETURN p {.id, .role, .employee_id, .scopes, .can_write, .name,
          created_at: toString(p.created_at)} AS principal
