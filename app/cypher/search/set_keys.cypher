// The search keys of $rows ({id, key}).
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.search = row.key
