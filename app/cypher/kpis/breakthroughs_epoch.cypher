// Every kept breakthrough list is stale (kpis/keep_breakthroughs): after a write too large to
// follow account by account, a rebuild of derived data, or a migration's data step.
MERGE (e:BreakthroughEpoch {id: 'breakthrough'})
ON CREATE SET e.token = randomUUID()
SET e.n = coalesce(e.n, 0) + 1
