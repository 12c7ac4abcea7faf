MATCH (p:Principal)
RETURN p {.id, .role, .employee_id, .scopes, .can_write, .name, .username,
          .must_change_password, created_at: toString(p.created_at),
          revoked_at: toString(p.revoked_at)} AS principal
ORDER BY p.id
LIMIT $limit
