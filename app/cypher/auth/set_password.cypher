// The principal's new password (hash); the first change lifts must_change_password, and the
// failures in a row are forgotten. Its other sessions end (a changed password shuts out
// whoever knew the old one).
MATCH (p:Principal {id: $principal_id})
SET p.password_hash = $password_hash, p.must_change_password = false, p.failed_sign_ins = 0,
    p.locked_until = null
WITH p
OPTIONAL MATCH (other:Session {principal_id: p.id})
WHERE other.id_hash <> $keep_id_hash
DELETE other
