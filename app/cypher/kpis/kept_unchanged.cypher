// Part, inside CALL () { ... }, of the writes of kept answers (kpis/keep_breakthroughs,
// kpis/keep_customers, changes/keep_deal_states): the state `k` and the answer `s` of each
// account of $states ({account_id, seen: the version read before the answer was worked out,
// ...}) whose version ($version: the property app/kpis/kept.py names) has not moved since;
// none if the epoch has moved since $epoch or its token since $token (the graph was wiped, and
// a state created now would be taken for one read before). Otherwise a write came between, and
// the answer may be older than it. Nor one that a write not known applied when `seen` was read
// touched last (`touched`, kpis/kept_stale): Neo4j's readers may see a commit's records while
// they are applied (neo4j/neo4j#12250), and an answer worked out then, from the account's new
// version and some of its old records, would be kept as that version's. Known applied: the
// writes before the latest read ($writes), which had released the epoch's lock, and so been
// applied, before the latest took it; and those up to $settled (kpis/kept_settle), whose lock a
// later transaction took. Accounts in id order, as writes raise them, so that the two wait for
// each other instead of deadlocking.
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
      AND (k.touched IS NULL OR k.touched < $writes OR k.touched <= $settled)
RETURN k, s
