// Every kept answer is stale (app/kpis/kept.py): after a write too large to follow account by
// account or one that changes every account's (an exchange rate), a rebuild of derived data,
// or a migration's data step.
MERGE (e:KeptEpoch {id: 'kept'})
ON CREATE SET e.token = randomUUID()
SET e.n = coalesce(e.n, 0) + 1
