// Each person's addresses that are not in their new list ($rows: id, keys) go, with their
// node. Run for every person of a write before any address is added, so that an address can
// move from one person to another within one document.
UNWIND $rows AS row
MATCH (p:Entity {id: row.id})-[:HAS_EMAIL]->(a:EmailAddress)
WHERE NOT a.key IN row.keys
DETACH DELETE a
