// Template: layers as in paths/best_paths.
// For each deal of $deals ({opportunity_id, target_ids}), the targets some employee reaches
// on $as_of within $max_hops (acquainted by declaration or by activity): those paths/best_paths
// finds a path to (through contacts and third parties), with that deal's own
// edges counted and opposing intermediaries avoided. Only whether a path exists is asked: the
// search goes backwards from each target one layer per hop, the people one step before the
// last layer's, and stops at the first layer an employee acts on; no path budget cuts it
// short. One list: Graph.read_list.
UNWIND $deals AS deal
WITH deal.opportunity_id AS opportunity_id, deal.target_ids AS target_ids
CALL (opportunity_id, target_ids) {
  UNWIND target_ids AS target_id
  MATCH (target:Contact {id: target_id})
  CALL (target, opportunity_id) {
    WITH opportunity_id, [target] AS frontier, false AS found, 0 AS depth
<<repeat layers>>
    WITH opportunity_id, depth, frontier,
         found OR any(x IN frontier WHERE EXISTS {
           MATCH (:Employee)-[first:INFLUENCES|IN_TOUCH]->(x)
           WHERE <<valid first>>
             AND (first.opportunity_id IS NULL OR first.opportunity_id = opportunity_id)
         }) AS found
    CALL (opportunity_id, depth, frontier, found) {
      UNWIND CASE WHEN found OR depth >= $max_hops - 1 THEN [] ELSE frontier END AS b
      MATCH (a:Contact|ThirdParty)-[r:INFLUENCES|REPORTS_TO]-(b)
      WHERE (type(r) = 'REPORTS_TO' OR endNode(r) = b)
        AND <<valid r>>
        AND (r.opportunity_id IS NULL OR r.opportunity_id = opportunity_id)
      WITH DISTINCT a, opportunity_id
      WHERE NOT <<opposed a>>
      RETURN collect(a) AS before
    }
    WITH opportunity_id, depth + 1 AS depth, before AS frontier, found
<</repeat>>
    RETURN found
  }
  WITH target_id, found
  WHERE found
  RETURN collect(target_id) AS reached
}
RETURN collect({opportunity_id: opportunity_id, reached: reached}) AS rows
