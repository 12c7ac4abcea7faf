// The active principal whose password is tried: signing in as $username, or changing its own
// password ($id; the other parameter null), with what the check reads: its password hash,
// failures in a row and until when it is locked. Its lock is taken first (the write), so two
// tries of one principal count their failures one after the other.
CALL () {
  MATCH (p:Principal {username: $username})
  RETURN p
  UNION
  MATCH (p:Principal {id: $id})
  RETURN p
}
WITH p
WHERE p.revoked_at IS NULL
SET p._lock = true
REMOVE p._lock
RETURN p {.id, .password_hash, .failed_sign_ins, .must_change_password,
          locked_until: toString(p.locked_until)} AS principal
