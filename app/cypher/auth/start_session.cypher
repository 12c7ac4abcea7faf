// A session of the principal (its failures forgotten, a newer password hash kept when the
// hashing parameters changed), found by $id_hash until $expires_at; $csrf_hash guards its
// writes.
MATCH (p:Principal {id: $principal_id})
WHERE p.revoked_at IS NULL
SET p.failed_sign_ins = 0, p.locked_until = null,
    p.password_hash = coalesce($password_hash, p.password_hash)
CREATE (s:Session {id_hash: $id_hash, csrf_hash: $csrf_hash, principal_id: p.id,
                   created_at: datetime(), expires_at: $expires_at})
RETURN toString(s.expires_at) AS expires_at, p.must_change_password AS must_change_password
