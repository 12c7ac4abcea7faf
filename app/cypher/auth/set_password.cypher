// The principal's new password (hash); the first change lifts must_change_password. Its
// other sessions end (a changed password shuts out whoever knew the old one).
MATCH (p:Principal {id: $principal_id})
SET p.password_hash = $password_hash, p.must_change_password = false
WITH p
OPTIONAL MATCH (other:Session {principal_id: p.id})
WHERE other.id_hash <> $keep_id_hash
DELETE other
