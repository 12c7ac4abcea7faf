CREATE CONSTRAINT brm_migration_lock IF NOT EXISTS
FOR (l:__Neo4jMigrationsLock) REQUIRE l.id IS UNIQUE
