MATCH (l:__Neo4jMigrationsLock {id: $lock_id})
WHERE l.acquired_at < datetime() - duration({seconds: $stale_after_s})
DELETE l
RETURN count(*) AS broken
