CREATE (:__Neo4jMigrationsLock {id: $lock_id, owner: $owner, acquired_at: datetime()})
