// What is derived from our ($us) assessments of each contact of $contact_ids, rebuilt from its
// assessments: the timelines of our general assessments, per feature the dates (ascending)
// with a known value and those values (features/our_attitudes reads them; V007 built them for
// data imported before), and the last day we assessed each feature in general or for a deal,
// and any feature at all (reviews/due reads them; V028 built them); and on each of our
// assessments what it moved each feature from and how many features it moved (the change
// feed reads them; V033 and V034 built them).
// Run by every write of assessments (ingestion/merge_assessments) and by `brm rebuild-kpis`.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})
CALL (c) {
  // Writing first takes the contact's lock, so a concurrent batch that adds assessments to it
  // has committed before its history is read here (else the later commit could lose them).
  SET c.us_closeness_at = []
  WITH c
  OPTIONAL MATCH (c)-[:HAS_ASSESSMENT]->(a:Assessment)
  WHERE a.toward = $us
  // Of two on a day entered together, the general one first (a deal's falls back on it).
  WITH c, a ORDER BY a.at, coalesce(a.entered_at, datetime({epochMillis: 0})),
                     coalesce(a.opportunity_id, '')
  WITH c, collect(a) AS every
  WITH c, every, [x IN every WHERE x.opportunity_id IS NULL] AS history
  // In order of day: the last of a list is its latest (null when empty, which removes it).
  SET c.us_last_assessed = every[-1].at,
      c.us_last_closeness = [x IN every WHERE x.closeness IS NOT NULL | x.at][-1],
      c.us_last_solution = [x IN every WHERE x.solution IS NOT NULL | x.at][-1],
      c.us_last_price = [x IN every WHERE x.price IS NOT NULL | x.at][-1],
      c.us_last_veto = [x IN every WHERE x.veto IS NOT NULL | x.at][-1],
      c.us_last_approver = [x IN every WHERE x.approver IS NOT NULL | x.at][-1],
      c.us_closeness_at = [x IN history WHERE x.closeness IS NOT NULL | x.at],
      c.us_closeness = [x IN history WHERE x.closeness IS NOT NULL | x.closeness],
      c.us_solution_at = [x IN history WHERE x.solution IS NOT NULL | x.at],
      c.us_solution = [x IN history WHERE x.solution IS NOT NULL | x.solution],
      c.us_price_at = [x IN history WHERE x.price IS NOT NULL | x.at],
      c.us_price = [x IN history WHERE x.price IS NOT NULL | x.price],
      c.us_veto_at = [x IN history WHERE x.veto IS NOT NULL | x.at],
      c.us_veto = [x IN history WHERE x.veto IS NOT NULL | x.veto],
      c.us_approver_at = [x IN history WHERE x.approver IS NOT NULL | x.at],
      c.us_approver = [x IN history WHERE x.approver IS NOT NULL | x.approver]
  // What each of them moved each feature from (the change feed's events, changes/
  // assessment_moves): for a deal, its own last value before it, else the last of our general
  // assessments before it; null when none was known. And how many degrees and votes it moved
  // (a value that is not the one before), which the feed counts by day from an index (V034).
  // Written where it differs.
  // Their values read once (a node's property read again for each later assessment made a
  // contact's hundred assessments cost seconds).
  WITH every, ['closeness', 'solution', 'price', 'veto', 'approver'] AS features,
       [a IN every | a {.opportunity_id, .closeness, .solution, .price, .veto, .approver,
                        .closeness_from, .solution_from, .price_from, .veto_from,
                        .approver_from, .degree_moves, .vote_moves}] AS values
  UNWIND range(0, size(every) - 1) AS i
  WITH features, every[i] AS x, values[i] AS v, values[..i] AS earlier
  WITH features, x, v, [y IN earlier WHERE y.opportunity_id IS NULL] AS general,
       [y IN earlier WHERE v.opportunity_id IS NOT NULL
                           AND y.opportunity_id = v.opportunity_id] AS own
  WITH features, x, v, [f IN features | coalesce([y IN own WHERE y[f] IS NOT NULL][-1][f],
                                                 [y IN general WHERE y[f] IS NOT NULL][-1][f])]
                       AS before
  WITH features, x, v, before,
       [k IN range(0, size(features) - 1)
        WHERE v[features[k]] IS NOT NULL
              AND (before[k] IS NULL OR v[features[k]] <> before[k])] AS moved
  WITH features, x, v, before, size([k IN moved WHERE k < 3]) AS degree_moves,
       size([k IN moved WHERE k >= 3]) AS vote_moves
  WHERE any(k IN range(0, size(features) - 1)
            WHERE coalesce(toString(v[features[k] + '_from']), '')
                  <> coalesce(toString(before[k]), ''))
     OR v.degree_moves IS NULL OR v.degree_moves <> degree_moves
     OR v.vote_moves IS NULL OR v.vote_moves <> vote_moves
  SET x.closeness_from = before[0], x.solution_from = before[1], x.price_from = before[2],
      x.veto_from = before[3], x.approver_from = before[4], x.degree_moves = degree_moves,
      x.vote_moves = vote_moves
}
