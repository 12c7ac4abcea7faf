// A principal; with a username, the person signs in with it and $password_hash (Argon2id),
// and must change that password first ($must_change).
CREATE (p:Principal {id: $id, token_hash: $token_hash, role: $role, employee_id: $employee_id,
                     scopes: $scopes, can_write: $can_write, name: $name,
                     username: $username, password_hash: $password_hash,
                     must_change_password: $must_change, failed_sign_ins: 0,
                     created_at: datetime(), revoked_at: null})
RETURN p {.id, .role, .employee_id, .scopes, .can_write, .name, .username,
          .must_change_password, created_at: toString(p.created_at)} AS principal
