// Template: layers as in paths/best_paths.
// For each deal of $deals ({opportunity_id, target_ids}), the targets some employee reaches
// on $as_of within $max_hops, as paths/best_paths would find a path to them (that deal's own
// edges counted, opposing intermediaries avoided): paths/reachers asked for one employee, so
// that each search stops at the first layer an employee acts on. One list, in parts:
// Graph.read_list.
UNWIND $deals AS deal
WITH deal.opportunity_id AS opportunity_id, deal.target_ids AS target_ids
CALL (opportunity_id, target_ids) {
<<include paths/reachers with target_ids, opportunity_id>>
}
WITH collect({opportunity_id: opportunity_id, reached: [r IN reach | r.target_id]}) AS rows
<<include db/in_parts with rows>>
