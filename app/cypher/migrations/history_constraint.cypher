CREATE CONSTRAINT brm_migration_version IF NOT EXISTS
FOR (m:__Neo4jMigration) REQUIRE m.version IS UNIQUE
