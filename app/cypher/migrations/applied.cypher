MATCH (m:__Neo4jMigration)
WHERE m.version > 0
RETURN m.version AS version, m.description AS description, m.checksum AS checksum,
       toString(m.installed_on) AS installed_on
ORDER BY version
