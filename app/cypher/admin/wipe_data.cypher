// Everything but the migration history and the reference key (used by tests between cases):
// running APIs hold the key they read at start, and references must stay what they were.
MATCH (n)
WHERE NOT n:__Neo4jMigration AND NOT n:__Neo4jMigrationsLock AND NOT n:ReferenceKey
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
