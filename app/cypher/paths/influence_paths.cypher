// Template: layers as in paths/best_paths.
// Influence paths to $target_id in one round trip: the target with who influences it
// (paths/target_and_inbound), the best path from each employee (paths/best_paths, as `shown`),
// and our attitudes toward every contact among both (features/our_attitudes). Each part is its
// own file. No row when there is no such contact.
CALL () {
<<include paths/target_and_inbound>>
}
WITH id, name, account_id, influenced_by, [$target_id] AS target_ids
CALL (target_ids) {
  CALL (target_ids) {
<<include paths/best_paths with target_ids>>
  }
  // One row, an empty list when no employee reaches the target; in best_paths' order.
  RETURN collect({truncated: truncated, target_id: target_id, employee_id: employee_id,
                  strength: strength, hops: hops, steps: steps,
                  employee_team_id: employee_team_id, nodes: nodes}) AS shown
}
CALL (influenced_by, shown) {
  UNWIND influenced_by + reduce(on_paths = [], row IN shown | on_paths + row.nodes) AS node
  WITH node WHERE node.kind = 'Contact'
  RETURN collect(DISTINCT node.id) AS contact_ids
}
CALL (contact_ids) {
<<include features/our_attitudes with contact_ids>>
}
RETURN id, name, account_id, influenced_by, shown, rows AS attitudes
