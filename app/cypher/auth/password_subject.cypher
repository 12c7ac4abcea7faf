// A password try, counted: signing in as $username, or changing its own password ($id; the
// other parameter null). The active principal tried (`principal`: null for a username no
// active principal has), with what the check reads: whether the tries are locked (`locked`,
// until `locked_until`) and this try's number in a row (`tries`).
// An unknown username's tries are counted alike on a SignInTries node keyed by $key (a digest
// of the username under the server's key), so that it is slowed and locked as a known one
// would be: the answers do not tell which usernames exist. A row of tries whose last came before $forget_before is
// forgotten (this try is the first again), for both kinds; a few such nodes of other unknown
// usernames are deleted by each unknown try.
// The try is counted before it is checked, under the counter's lock (taken first): tries
// sent at once are counted one after the other, and the $lock_after-th locks until
// $lock_until whatever it holds, so that tries at once get 429 from then on instead of being
// checked. A right password lifts the lock (auth/start_session, auth/set_password, or
// auth/password_right when a password change is refused otherwise).
OPTIONAL MATCH (named:Principal {username: $username})
OPTIONAL MATCH (own:Principal {id: $id})
WITH coalesce(named, own) AS found
WITH CASE WHEN found.revoked_at IS NULL THEN found END AS p
CALL (p) {
  WITH p
  WHERE p IS NULL AND $username IS NOT NULL
  MERGE (t:SignInTries {key: $key})
  RETURN t AS counter
  UNION
  WITH p
  WHERE p IS NOT NULL
  RETURN p AS counter
}
SET counter._lock = true
REMOVE counter._lock
WITH p, counter, coalesce(counter.locked_until > datetime(), false) AS locked,
     CASE WHEN counter.last_try < $forget_before THEN 0
          ELSE coalesce(counter.failed_sign_ins, 0) END + 1 AS tries
SET counter.failed_sign_ins = CASE WHEN locked THEN counter.failed_sign_ins ELSE tries END,
    counter.locked_until = CASE WHEN NOT locked AND tries >= $lock_after THEN $lock_until
                                ELSE counter.locked_until END,
    counter.last_try = datetime()
WITH p, counter, locked, tries
CALL (p) {
  WITH p
  WHERE p IS NULL
  MATCH (old:SignInTries)
  WHERE old.last_try < $forget_before
  WITH old
  LIMIT 10
  DELETE old
}
RETURN p {.id, .password_hash, .must_change_password} AS principal, tries, locked,
       toString(counter.locked_until) AS locked_until
