// Template: <<max_rest>> bounds the steps after the first (an IntEnum, at least 1; $max_hops is
// the exact cap).
// The best influence path from each employee to each target as of $as_of. A step is
// "A can move B": an employee, contact or third party INFLUENCES a contact, an employee a third
// party (a partner, design institute or consultant), a manager over a report (REPORTS_TO
// traversed downward) or a report toward the manager (upward). An employee's first step is a
// declared acquaintance (INFLUENCES) or one by activity (IN_TOUCH, its strength on $as_of from
// the activities it holds): where both hold, each gives a path and the stronger wins, so the
// step's strength is max(declared, activity), with its `source` (the one that won; of two
// equal, either). Only edges valid on $as_of count, general ones plus those of
// $opportunity_id. Path strength is the product of step strengths. Only an employee influences
// a third party, so a third party is only ever the first intermediary; it has no attitude
// toward us, so it is never an opposing intermediary (avoided when $avoid_opposed). People in
// $excluded_ids (who left, in a what-if) are not on any path. The first $max_rows rows are
// returned (a caller that shows ten of a hub's thousand reachers needs no more), each with
// its employee's team as of $as_of.
UNWIND $target_ids AS target_id
MATCH (target:Contact {id: target_id})
MATCH p = (e:Employee)-[first:INFLUENCES|IN_TOUCH]->(:Contact|ThirdParty)
          ((a:Contact|ThirdParty)-[r:INFLUENCES|REPORTS_TO]-(b:Contact|ThirdParty)
            WHERE (type(r) = 'REPORTS_TO' OR startNode(r) = a)
              AND <<valid r>>
              AND (r.opportunity_id IS NULL OR r.opportunity_id = $opportunity_id)
          ){0,<<max_rest>>}
          (target)
WHERE length(p) <= $max_hops
  AND <<valid first>>
  AND (first.opportunity_id IS NULL OR first.opportunity_id = $opportunity_id)
  AND ($employee_ids IS NULL OR e.id IN $employee_ids)
  AND none(n IN nodes(p) WHERE n.id IN $excluded_ids)
// The deal goes on as a variable, so that a query including this one may give each row its own.
WITH target, e, p, $opportunity_id AS opportunity_id LIMIT $path_budget
WITH opportunity_id, collect([target, e, p]) AS found
// Whether someone opposes us is looked up once per person on any path, not once per path.
CALL (found, opportunity_id) {
  UNWIND found AS item
  UNWIND nodes(item[2])[1..-1] AS n
  WITH DISTINCT n
  WHERE $avoid_opposed AND <<opposed n>>
  RETURN collect(n) AS opposed
}
WITH found, size(found) AS enumerated, opposed
UNWIND found AS item
WITH enumerated, item[0] AS target, item[1] AS e, item[2] AS p, opposed
WHERE none(n IN nodes(p)[1..-1] WHERE n IN opposed)
WITH enumerated, target, e, p, relationships(p)[0] AS first
WITH enumerated, target, e, p, [{type: 'INFLUENCES', rel: type(first),
       strength: CASE type(first) WHEN 'IN_TOUCH' THEN <<activity first>>
                 ELSE coalesce(first.strength, $influence_default) END}] +
     [i IN range(1, length(p) - 1) |
       CASE
         WHEN type(relationships(p)[i]) = 'INFLUENCES'
           THEN {type: 'INFLUENCES', strength: coalesce(relationships(p)[i].strength, $influence_default)}
         WHEN startNode(relationships(p)[i]) = nodes(p)[i]
           THEN {type: 'REPORTS_TO_UP', strength: coalesce(relationships(p)[i].strength, $up_default)}
         ELSE {type: 'REPORTS_TO_DOWN', strength: coalesce(relationships(p)[i].strength, $down_default)}
       END] AS steps
WITH enumerated, target, e, p, steps, reduce(s = 1.0, step IN steps | s * step.strength) AS strength
ORDER BY strength DESC, length(p) ASC
WITH enumerated, target, e, collect({p: p, steps: steps, strength: strength})[0] AS best
ORDER BY target.id, best.strength DESC, length(best.p) ASC, e.id
LIMIT $max_rows
// The employee's team only for the rows returned (a hub has thousands of reachers).
WITH enumerated, target, e, best, best.steps[0] AS first
WITH enumerated, target, e, best,
     first {.type, .strength, source: CASE first.rel WHEN 'IN_TOUCH' THEN 'activity'
                                      ELSE 'declared' END} AS first
RETURN enumerated, target.id AS target_id, e.id AS employee_id, best.strength AS strength,
       length(best.p) AS hops, [first] + best.steps[1..] AS steps,
       [(e)-[m:MEMBER_OF]->(t:Team)
        WHERE <<valid m>>
        | t.id][0] AS employee_team_id,
       [n IN nodes(best.p) | {id: n.id, kind: [l IN labels(n) WHERE l <> 'Entity'][0], name: n.name}] AS nodes
ORDER BY target_id, strength DESC, hops ASC, employee_id
