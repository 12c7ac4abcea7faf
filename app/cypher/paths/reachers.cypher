// Template: layers as in paths/best_paths.
// For each of $target_ids, whether no employee, one or several reach it on $as_of within the
// hops of its layers, as paths/best_paths finds them (acquainted by declaration or by
// activity, through contacts and third parties, the edges of the deal in the variable `opportunity_id` counted,
// opposing intermediaries avoided): the targets some employee reaches, each with the ids of up
// to $enough of them (`employee_ids`; which ones, when more reach it, is not said). The search
// goes backwards from the target one layer per hop and stops at the first layer after which
// $enough employees are known: whether one reaches the target ($enough 1,
// kpis/breakthrough_targets) or whether one alone does ($enough 2), not who reaches it best.
// No path budget cuts it short (where paths/best_paths would say `truncated`, this may find a
// reacher the budget hid from it). One list.
UNWIND $target_ids AS target_id
MATCH (target:Contact {id: target_id})
WITH target, $opportunity_id AS opportunity_id
CALL (target, opportunity_id) {
  WITH opportunity_id, [target] AS frontier, [target] AS seen, [] AS found
<<repeat layers>>
  WITH opportunity_id, frontier, seen,
       CASE WHEN size(found) >= $enough THEN found ELSE found + COLLECT {
         UNWIND frontier AS x
         MATCH (e:Employee)-[first:INFLUENCES|IN_TOUCH]->(x)
         WHERE <<valid first>>
           AND (first.opportunity_id IS NULL OR first.opportunity_id = opportunity_id)
           AND NOT e.id IN found
         RETURN DISTINCT e.id AS id LIMIT $enough
       } END AS found
<<but last>>
  CALL (opportunity_id, frontier, seen, found) {
    UNWIND CASE WHEN size(found) >= $enough THEN [] ELSE frontier END AS b
    MATCH (a:Contact|ThirdParty)-[r:INFLUENCES|REPORTS_TO]-(b)
    WHERE (type(r) = 'REPORTS_TO' OR endNode(r) = b)
      AND <<valid r>>
      AND (r.opportunity_id IS NULL OR r.opportunity_id = opportunity_id)
      AND NOT a IN seen
    WITH DISTINCT a, opportunity_id
    WHERE NOT <<opposed a>>
    RETURN collect(a) AS before
  }
  WITH opportunity_id, before AS frontier, seen + before AS seen, found
<</but last>>
<</repeat>>
  RETURN found
}
WITH target, found
WHERE size(found) > 0
RETURN collect({target_id: target.id, employee_ids: found[..$enough]}) AS reach
