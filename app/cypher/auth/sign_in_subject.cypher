// The active principal signing in as $username, with what the sign-in checks: its password
// hash, failures in a row and until when it is locked. Its lock is taken first (the write),
// so two sign-ins of one username count their failures one after the other.
MATCH (p:Principal {username: $username})
WHERE p.revoked_at IS NULL
SET p._lock = true
REMOVE p._lock
RETURN p {.id, .password_hash, .failed_sign_ins, .must_change_password,
          locked_until: toString(p.locked_until)} AS principal
