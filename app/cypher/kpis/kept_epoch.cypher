// Every kept answer is stale (app/kpis/kept.py): after a write too large to follow account by
// account or one that changes every account's (an exchange rate), a rebuild of derived data,
// or a migration's data step.
MERGE (e:KeptEpoch {id: 'kept'})
ON CREATE SET e.token = randomUUID()
// Numbered as a write of deals, as kpis/kept_stale numbers its writes: a summary read while it
// was being applied is kept as of the write before it (app/kpis/kept.py).
WITH e, coalesce(e.writes, 0) + 1 AS number
SET e.n = coalesce(e.n, 0) + 1, e.writes = number, e.marked = coalesce(e.marked, 0) + 1,
    e.deal_writes = coalesce(e.deal_writes, 0) + 1, e.deal_write_at = number
