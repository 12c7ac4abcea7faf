// Part, inside CALL () { ... }, of the writes of kept answers (kpis/keep_breakthroughs,
// kpis/keep_customers, changes/keep_deal_states): the state `k` and the answer `s` of each
// account of $states ({account_id, seen: the version read before the answer was worked out,
// ...}) whose version ($version: the property app/kpis/kept.py names) has not moved since;
// none if the epoch has moved since $epoch or its token since $token (the graph was wiped, and
// a state created now would be taken for one read before). Otherwise a write came between, and
// the answer may be older than it. Accounts in id order, as writes raise them, so that the two
// wait for each other instead of deadlocking.
MERGE (e:KeptEpoch {id: 'kept'})
ON CREATE SET e.n = 0, e.token = randomUUID()
WITH e
WHERE e.n = $epoch AND e.token = $token
UNWIND $states AS s
WITH s ORDER BY s.account_id
MERGE (k:KeptAccount {account_id: s.account_id})
ON CREATE SET k.version = 0
WITH k, s
WHERE coalesce(k[$version], 0) = s.seen
RETURN k, s
