// Everything but the migration history (used by tests between cases).
MATCH (n)
WHERE NOT n:__Neo4jMigration AND NOT n:__Neo4jMigrationsLock
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
