// The active principal whose password is tried: signing in as $username, or changing its own
// password ($id; the other parameter null), with what the check reads: its password hash,
// whether it is locked (`locked`, until `locked_until`) and this try's number in a row
// (`tries`). The try is counted before it is checked, under the principal's lock (taken
// first): tries sent at once are counted one after the other, and the $lock_after-th locks
// the principal until $lock_until whatever it holds, so that tries at once get 429 from
// then on instead of being checked. A right password lifts the lock (auth/start_session,
// auth/set_password, or auth/password_right when a password change is refused otherwise).
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
WITH p, coalesce(p.locked_until > datetime(), false) AS locked,
     coalesce(p.failed_sign_ins, 0) + 1 AS tries
SET p.failed_sign_ins = CASE WHEN locked THEN p.failed_sign_ins ELSE tries END,
    p.locked_until = CASE WHEN NOT locked AND tries >= $lock_after THEN $lock_until
                          ELSE p.locked_until END
RETURN p {.id, .password_hash, .must_change_password, tries: tries, locked: locked,
          locked_until: toString(p.locked_until)} AS principal
