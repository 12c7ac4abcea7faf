// The names of these nodes (accounts, deals, competitors, teams): what an answer shows beside
// an id. Ids that are no node give no row.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.name AS name
