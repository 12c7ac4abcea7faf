// Template: layers as in paths/best_paths.
// What the change feed compares of a deal on $as_of (app/changes/events.py, DealState), in one
// round trip: its decision-chain members with their latest role (chains/opportunity), our
// attitudes toward them on the deal (features/our_attitudes, the deal's own first: what its
// blockers and weighted supportive coverage come from), who reaches each (paths/best_paths, as
// chains/risk reachers_of searches) and the members' names (the events' details). Not the rest
// of a decision chain (chains/decision_chain: structure, activity, rivals' views, reach flags),
// which a state does not hold. Each part is its own file. No row when there is no such deal.
CALL () {
<<include chains/opportunity>>
}
WITH members, [m IN members | m.contact_id] AS contact_ids
CALL (contact_ids) {
<<include features/our_attitudes with contact_ids>>
}
WITH members, contact_ids, rows AS attitudes, contact_ids AS target_ids
CALL (target_ids) {
  CALL (target_ids) {
<<include paths/best_paths with target_ids>>
  }
  // One row, an empty list when no employee reaches any member; in best_paths' order (best
  // first per member).
  RETURN collect({target_id: target_id, employee_id: employee_id, strength: strength}) AS reach
}
RETURN members, attitudes, reach,
       COLLECT {
         UNWIND contact_ids AS contact_id
         MATCH (c:Contact {id: contact_id})
         RETURN {contact_id: contact_id, name: c.name}
       } AS names
