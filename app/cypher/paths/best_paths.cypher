// Template: its repeated block is written once per possible hop (the slot `layers`, as many
// as the hops asked for); the last finds the employees one step before its people, no more.
// The best influence path from each employee to each target as of $as_of. A step is
// "A can move B": an employee, contact or third party INFLUENCES a contact, an employee a third
// party (a partner, design institute or consultant), a manager over a report (REPORTS_TO
// traversed downward) or a report toward the manager (upward). An employee's first step is a
// declared acquaintance (INFLUENCES) or one by activity (IN_TOUCH, its strength on $as_of from
// the activities it holds): where both hold, each gives a path and the stronger wins, so the
// step's strength is max(declared, activity), with its `source` (the one that won; of two
// equal, `both`). Only edges valid on $as_of count, general ones plus those of
// $opportunity_id. Path strength is the product of step strengths. Only an employee influences
// a third party, so a third party is only ever the first intermediary; it has no attitude
// toward us, so it is never an opposing intermediary (avoided when $avoid_opposed). People in
// $excluded_ids (who left, in a what-if) are not on any path. The first $max_rows rows are
// returned, by target, strongest first, then fewest hops, then employee id, each with its
// employee's team as of $as_of.
//
// The search runs backwards from each target, one layer per hop: a layer holds, for each person
// one step before the previous layer's people, only the strongest of those steps' ways, so the
// work grows with the people near the target and the hops, not with the paths between them.
// The employees one step before each layer keep their best way; an employee met in several
// layers keeps the strongest, then the shortest, which is never a way through someone twice
// (strengths are at most 1: the way without the detour is as strong and shorter). For the same
// reason a way weaker than the $max_rows-th best employee found so far (`bar`) cannot lead to a
// row shown and is not extended. A layer keeps at most $path_budget people, strongest first,
// then by id (the same people every time); `truncated` says one had more.
UNWIND $target_ids AS target_id
MATCH (target:Contact {id: target_id})
WHERE NOT target.id IN $excluded_ids
// The deal goes on as a variable, so that a query including this one may give each row its own.
WITH target, $opportunity_id AS opportunity_id
CALL (target, opportunity_id) {
  // A way to the target: its first person `n`, its strength `s`, hops `h`, the people on it
  // from `n` to the target and its steps.
  WITH opportunity_id, [{n: target, s: 1.0, h: 0, nodes: [target], steps: []}] AS frontier
  WITH opportunity_id, frontier, [] AS reach, false AS cut, 0.0 AS bar
<<repeat layers>>
  // Employees one step before the people of the last layer: the best way of each.
  CALL (frontier, bar, opportunity_id) {
    UNWIND frontier AS f
    WITH f, f.n AS x, bar, opportunity_id
    MATCH (e:Employee)-[first:INFLUENCES|IN_TOUCH]->(x)
    WHERE <<valid first>>
      AND (first.opportunity_id IS NULL OR first.opportunity_id = opportunity_id)
      AND ($employee_ids IS NULL OR e.id IN $employee_ids)
      AND NOT e.id IN $excluded_ids
    WITH e, f, bar, type(first) AS rel,
         CASE type(first) WHEN 'IN_TOUCH' THEN <<activity first>>
         ELSE coalesce(first.strength, $influence_default) END AS strength
    WITH e, f, f.s * strength AS s,
         {type: 'INFLUENCES', strength: strength,
          source: CASE rel WHEN 'IN_TOUCH' THEN 'activity' ELSE 'declared' END} AS step
    WHERE s >= bar
    WITH e, collect({s: s, f: f, step: step}) AS ways
    // A declared acquaintance and one by activity just as strong, to the same person: `both`.
    WITH e, reduce(w = head(ways), c IN tail(ways) |
           CASE
             WHEN c.s > w.s THEN c
             WHEN c.s = w.s AND c.f.n = w.f.n AND c.step.source <> w.step.source
               THEN {s: w.s, f: w.f, step: {type: 'INFLUENCES', strength: w.step.strength,
                                            source: 'both'}}
             ELSE w
           END) AS top
    RETURN collect({e: e, s: top.s, h: top.f.h + 1, nodes: [e] + top.f.nodes,
                    steps: [top.step] + top.f.steps}) AS employees
  }
<<but last>>
  // At most the $max_rows-th best of these employees (a percentile a place or two below it,
  // which needs no sort): no way weaker than it can lead to a row shown.
  CALL (employees) {
    UNWIND CASE WHEN size(employees) > $max_rows THEN employees ELSE [] END AS c
    RETURN coalesce(percentileDisc(c.s, toFloat(size(employees) - $max_rows - 1) / size(employees)),
                    0.0) AS above
  }
  WITH opportunity_id, frontier, reach + employees AS reach, cut,
       CASE WHEN above > bar THEN above ELSE bar END AS bar
  // The people one step before those of the last layer: the best way of each.
  CALL (frontier, bar, opportunity_id) {
    UNWIND frontier AS f
    WITH f, f.n AS b, bar, opportunity_id
    WHERE f.s >= bar
    MATCH (a:Contact|ThirdParty)-[r:INFLUENCES|REPORTS_TO]-(b)
    WHERE (type(r) = 'REPORTS_TO' OR endNode(r) = b)
      AND <<valid r>>
      AND (r.opportunity_id IS NULL OR r.opportunity_id = opportunity_id)
      AND NOT a.id IN $excluded_ids
    WITH a, f, bar, opportunity_id,
         CASE
           WHEN type(r) = 'INFLUENCES'
             THEN {type: 'INFLUENCES', strength: coalesce(r.strength, $influence_default)}
           WHEN startNode(r) = a
             THEN {type: 'REPORTS_TO_UP', strength: coalesce(r.strength, $up_default)}
           ELSE {type: 'REPORTS_TO_DOWN', strength: coalesce(r.strength, $down_default)}
         END AS step
    WITH a, f, opportunity_id, step, f.s * step.strength AS s
    WHERE s >= bar
    WITH a, opportunity_id, collect({s: s, f: f, step: step}) AS ways
    WITH a, opportunity_id,
         reduce(w = head(ways), c IN tail(ways) | CASE WHEN c.s > w.s THEN c ELSE w END) AS top
    WHERE NOT ($avoid_opposed AND <<opposed a>>)
    WITH collect({n: a, s: top.s, h: top.f.h + 1, nodes: [a] + top.f.nodes,
                  steps: [top.step] + top.f.steps}) AS before
    RETURN size(before) > $path_budget AS over,
           CASE WHEN size(before) <= $path_budget THEN before
           ELSE COLLECT { UNWIND before AS c RETURN c ORDER BY c.s DESC, c.n.id LIMIT $path_budget } END AS before
  }
  WITH opportunity_id, before AS frontier, reach, cut OR over AS cut, bar
<</but last>>
<</repeat>>
  RETURN cut, reach + employees AS reach
}
// An employee met in several layers: their best way, strongest then fewest hops. The
// aggregation also starts rows of their own: sorted, rows that still held the search's lists
// would each count their whole size against the transaction's memory.
UNWIND reach AS way
WITH target, cut, way.e AS e, collect(way) AS ways
WITH target, cut, reduce(w = head(ways), c IN tail(ways) |
       CASE WHEN c.s > w.s OR (c.s = w.s AND c.h < w.h) THEN c ELSE w END) AS best
WITH target, cut, best
ORDER BY target.id, best.s DESC, best.h ASC, best.e.id
LIMIT $max_rows
// The employee's team only for the rows returned (a hub has thousands of reachers).
WITH target, cut, best, best.e AS e
RETURN cut AS truncated, target.id AS target_id, e.id AS employee_id, best.s AS strength,
       best.h AS hops, best.steps AS steps,
       [(e)-[m:MEMBER_OF]->(t:Team)
        WHERE <<valid m>>
        | t.id][0] AS employee_team_id,
       [n IN best.nodes | {id: n.id, kind: [l IN labels(n) WHERE l <> 'Entity'][0], name: n.name,
                           account_id: n.account_id}] AS nodes
ORDER BY target_id, strength DESC, hops ASC, employee_id
