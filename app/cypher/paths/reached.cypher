// Template: <<max_rest>> as in paths/best_paths.
// For each deal of $deals ({opportunity_id, target_ids}), the targets some employee reaches
// on $as_of within $max_hops (acquainted by declaration or by activity): those paths/best_paths
// finds a path to (through contacts and third parties), with that deal's own
// edges counted and opposing intermediaries avoided. Only whether a path exists is asked, so
// each target's search stops at the first one, and no path budget cuts it short. One list:
// Graph.read_list.
UNWIND $deals AS deal
WITH deal.opportunity_id AS opportunity_id, deal.target_ids AS target_ids
CALL (opportunity_id, target_ids) {
  UNWIND target_ids AS target_id
  MATCH (target:Contact {id: target_id})
  WHERE EXISTS {
    MATCH p = (:Employee)-[first:INFLUENCES|IN_TOUCH]->(:Contact|ThirdParty)
              ((a:Contact|ThirdParty)-[r:INFLUENCES|REPORTS_TO]-(b:Contact|ThirdParty)
                WHERE (type(r) = 'REPORTS_TO' OR startNode(r) = a)
                  AND <<valid r>>
                  AND (r.opportunity_id IS NULL OR r.opportunity_id = opportunity_id)
              ){0,<<max_rest>>}
              (target)
    WHERE length(p) <= $max_hops
      AND <<valid first>>
      AND (first.opportunity_id IS NULL OR first.opportunity_id = opportunity_id)
      AND none(n IN nodes(p)[1..-1] WHERE <<opposed n>>)
  }
  RETURN collect(target_id) AS reached
}
RETURN collect({opportunity_id: opportunity_id, reached: reached}) AS rows
