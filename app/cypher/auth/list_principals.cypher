// Principals in id order, after the id $after (null: from the first); of $employee_id alone
// when it is given.
MATCH (p:Principal)
WHERE ($after IS NULL OR p.id > $after) AND ($employee_id IS NULL OR p.employee_id = $employee_id)
RETURN p {.id, .role, .employee_id, .scopes, .can_write, .name, .username,
          .must_change_password, created_at: toString(p.created_at),
          revoked_at: toString(p.revoked_at)} AS principal
ORDER BY p.id
LIMIT $limit
