// Keeps the breakthrough lists worked out for $day under the rule $rule ($states: account_id,
// the version read before working it out (`seen`), and the list as parallel lists: deals,
// contacts, roles, gaps as comma-joined degrees). Nothing is kept if the epoch has moved since
// $epoch, or its token since $token (the graph was wiped, and a state created now would be
// taken for one read before), nor for an account whose version has: a write came between, and
// the list may be older than it. Accounts in id order, as writes raise them, so that the two
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
WHERE k.version = s.seen
SET k.breakthrough_day = $day, k.breakthrough_kept = k.version, k.breakthrough_epoch = $epoch,
    k.breakthrough_rule = $rule, k.breakthrough_deals = s.deals,
    k.breakthrough_contacts = s.contacts, k.breakthrough_roles = s.roles,
    k.breakthrough_gaps = s.gaps
