// Template: <<label>> is a Kind. The node and every relationship edge touching it, current and
// ended (activity and assessment records are not relationships, nor is the acquaintance by
// activity derived from them, IN_TOUCH), capped at $max_edges. Each
// edge says which of its ends are employees and the account of its other end (an account
// itself, a contact's or a deal's), so that the API shows each viewer only its perspective.
MATCH (n:<<label>> {id: $id})
CALL (n) {
  MATCH (n)-[r]-(other:Entity)
  WHERE NOT other:Activity AND NOT r:IN_TOUCH
  WITH r, other LIMIT $max_edges
  RETURN collect({type: type(r), from: startNode(r).id, to: endNode(r).id,
                  strength: r.strength, role: r.role, opportunity_id: r.opportunity_id,
                  since: r.since, until: r.until, note: r.note,
                  entered_by_principal: r.entered_by_principal,
                  entered_by_employee: r.entered_by_employee, entered_at: r.entered_at,
                  source: r.source, ended_by_principal: r.ended_by_principal,
                  ended_by_employee: r.ended_by_employee, ended_at: r.ended_at,
                  from_employee: startNode(r):Employee, to_employee: endNode(r):Employee,
                  other_account: CASE WHEN other:Account THEN other.id
                                      WHEN other:Contact OR other:Opportunity
                                      THEN other.account_id END}) AS relationships
}
CALL (n) {
  MATCH (n)-[r]-(other:Entity)
  WHERE NOT other:Activity AND NOT r:IN_TOUCH
  RETURN count(r) AS edge_count
}
RETURN n {.*} AS node, relationships, edge_count
