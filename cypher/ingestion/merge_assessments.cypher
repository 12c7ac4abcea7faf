// Append-only history: one node per (contact, date, perspective, deal); a re-import updates it.
UNWIND $rows AS row
MATCH (c:Contact {id: row.contact_id})
MERGE (a:Assessment {key: row.key})
SET a += row.props
MERGE (c)-[:HAS_ASSESSMENT]->(a)
