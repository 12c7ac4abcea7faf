// Append the migration to the chain BASELINE -[:MIGRATED_TO]-> V001 -> V002 ...
MERGE (baseline:__Neo4jMigration {version: 0})
  ON CREATE SET baseline.description = 'BASELINE'
WITH baseline
OPTIONAL MATCH (baseline)-[:MIGRATED_TO*0..]->(last:__Neo4jMigration)
WHERE NOT (last)-[:MIGRATED_TO]->()
WITH last LIMIT 1
CREATE (last)-[:MIGRATED_TO {by: $owner, at: datetime()}]->
       (:__Neo4jMigration {version: $version, description: $description,
                           checksum: $checksum, installed_on: datetime()})
