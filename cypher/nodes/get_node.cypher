// Template: <<label>> is a Kind. The node and every relationship edge touching it, current and
// ended (activity and assessment records are not relationships), capped at $max_edges.
MATCH (n:<<label>> {id: $id})
CALL (n) {
  MATCH (n)-[r]-(other:Entity)
  WHERE NOT other:Activity
  WITH r LIMIT $max_edges
  RETURN collect({type: type(r), from: startNode(r).id, to: endNode(r).id,
                  strength: r.strength, role: r.role, opportunity_id: r.opportunity_id,
                  since: r.since, until: r.until}) AS relationships
}
CALL (n) {
  MATCH (n)-[r]-(other:Entity)
  WHERE NOT other:Activity
  RETURN count(r) AS edge_count
}
RETURN n {.*} AS node, relationships, edge_count
