// Template: <<max_rest>> as in paths/best_paths.
// For each deal of $deals ({opportunity_id, target_ids}), the targets some employee reaches:
// paths/best_paths with that deal's own edges counted. One list: Graph.read_list.
UNWIND $deals AS deal
WITH deal.opportunity_id AS opportunity_id, deal.target_ids AS target_ids
CALL (target_ids, opportunity_id) {
  CALL (target_ids, opportunity_id) {
<<include paths/best_paths with target_ids, opportunity_id>>
  }
  RETURN collect(DISTINCT target_id) AS reached
}
RETURN collect({opportunity_id: opportunity_id, reached: reached}) AS rows
