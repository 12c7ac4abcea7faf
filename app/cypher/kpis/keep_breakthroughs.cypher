// Keeps the breakthrough lists worked out for $day under the rule $rule ($states: account_id,
// the state version read before working it out (`seen`), and the list as parallel lists: deals,
// contacts, roles, gaps as comma-joined degrees). Nothing is kept if the epoch has moved since
// $epoch, or its token since $token (the graph was wiped, and a state created now would be
// taken for one read before), nor for an account whose version has: a write came between, and
// the list may be older than it. Accounts in id order, as writes raise them, so that the two
// wait for each other instead of deadlocking.
MERGE (e:BreakthroughEpoch {id: 'breakthrough'})
ON CREATE SET e.n = 0, e.token = randomUUID()
WITH e
WHERE e.n = $epoch AND e.token = $token
UNWIND $states AS s
WITH s ORDER BY s.account_id
MERGE (b:BreakthroughState {account_id: s.account_id})
ON CREATE SET b.version = 0
WITH b, s
WHERE b.version = s.seen
SET b.day = $day, b.kept = b.version, b.epoch = $epoch, b.rule = $rule, b.deals = s.deals,
    b.contacts = s.contacts, b.roles = s.roles, b.gaps = s.gaps
