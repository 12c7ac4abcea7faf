// Append-only history: one node per (contact, date, perspective, deal); a re-import updates it.
// The edge is created only for a new assessment (cheaper than MERGE, no Eager operator).
UNWIND $rows AS row
MATCH (c:Contact {id: row.contact_id})
MERGE (a:Assessment {key: row.key})
ON CREATE SET a += row.props
ON MATCH SET a += row.props
WITH c, a
WHERE NOT (c)-[:HAS_ASSESSMENT]->(a)
CREATE (c)-[:HAS_ASSESSMENT]->(a)
