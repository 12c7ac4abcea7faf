// Takes the node's write lock before it is compared with the client's If-Match, so that no
// other write can slip in between the comparison and this transaction's own write.
MATCH (n:Entity {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN n {.*} AS node
