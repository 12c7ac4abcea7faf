// A node's own properties (what its ETag is computed from).
MATCH (n:Entity {id: $id})
RETURN n {.*} AS node
