MATCH (l:__Neo4jMigrationsLock {id: $lock_id, owner: $owner})
DELETE l
