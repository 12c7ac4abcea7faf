// The features our ($us) assessments of the contacts of every account ($account_ids null) or of
// these moved between $since and $until (both included), each from what it was before: degrees
// ($degrees) and votes ($votes). One row: of the moves of the newest days that hold $first of
// them, how many there are (`read`) and the first $first in the feed's order, with their
// contact's account and name; and how many moves the older days hold (`older`: counted, not
// read). What each assessment moved from, and how many degrees and votes it moved, are kept with
// it (ingestion/our_assessment_days): the company's are counted from an index alone (V034).
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (s:Assessment)
  USING INDEX s:Assessment(toward, at, degree_moves, vote_moves)
  WHERE s.toward = $us AND s.at >= $since AND s.at <= $until
    AND s.degree_moves IS NOT NULL AND s.vote_moves IS NOT NULL
  RETURN s.at AS day, s.degree_moves AS degrees, s.vote_moves AS votes
  UNION ALL
  UNWIND coalesce($account_ids, []) AS account_id
  WITH DISTINCT account_id
  MATCH (:Contact {account_id: account_id})-[:HAS_ASSESSMENT]->(s:Assessment)
  WHERE s.at >= $since AND s.at <= $until AND s.toward = $us
  RETURN s.at AS day, s.degree_moves AS degrees, s.vote_moves AS votes
}
WITH day, sum(CASE WHEN $degrees THEN degrees ELSE 0 END
              + CASE WHEN $votes THEN votes ELSE 0 END) AS moves
WHERE moves > 0
ORDER BY day DESC
WITH collect([day, moves]) AS days
WITH days, reduce(seen = [0, null], d IN days |
                  CASE WHEN seen[0] < $first THEN [seen[0] + d[1], d[0]] ELSE seen END)[1]
           AS oldest
WITH oldest,
     reduce(n = 0, d IN days | n + CASE WHEN oldest IS NULL OR d[0] < oldest THEN d[1]
                                        ELSE 0 END) AS older
CALL (oldest) {
  CALL (oldest) {
    WITH oldest WHERE $account_ids IS NULL
    MATCH (s:Assessment)
    WHERE s.toward = $us AND s.at >= oldest AND s.at <= $until
    RETURN s
    UNION ALL
    UNWIND coalesce($account_ids, []) AS account_id
    WITH DISTINCT account_id
    MATCH (:Contact {account_id: account_id})-[:HAS_ASSESSMENT]->(s:Assessment)
    WHERE s.at >= oldest AND s.at <= $until AND s.toward = $us
    RETURN s
  }
  WITH s, [s.closeness, s.solution, s.price, s.veto, s.approver] AS values,
       [s.closeness_from, s.solution_from, s.price_from, s.veto_from, s.approver_from] AS befores
  // A feature moved when it has a value that is not the one before (unknown before included).
  UNWIND [i IN range(0, 4) WHERE CASE WHEN i < 3 THEN $degrees ELSE $votes END
                                 AND values[i] IS NOT NULL
                                 AND (befores[i] IS NULL OR values[i] <> befores[i])] AS i
  WITH s, ['closeness', 'solution', 'price', 'veto', 'approver'][i] AS feature,
       befores[i] AS before, values[i] AS value, CASE WHEN i < 3 THEN $degree_rank
                                                      ELSE $vote_rank END AS rank
  // The feed's order (app.changes.events.order; of two moves alike, the one entered first), so
  // that the first $first are those it lists.
  ORDER BY s.at DESC, rank, coalesce(s.opportunity_id, ''), s.contact_id,
           coalesce(s.entered_by_employee, ''), feature,
           coalesce(s.entered_at.epochMillis, 0)
  WITH collect([s, feature, before, value]) AS moved
  CALL (moved) {
    UNWIND moved[..$first] AS x
    WITH x[0] AS s, x[1] AS feature, x[2] AS before, x[3] AS value
    MATCH (c:Contact {id: s.contact_id})
    // Lists rather than maps, and days as ISO strings (app.changes.events.moved_event reads
    // them).
    RETURN collect([toString(s.at), s.contact_id, s.opportunity_id, s.entered_by_employee,
                    c.account_id, c.name, feature, before, value]) AS rows
  }
  RETURN size(moved) AS read, rows
}
RETURN older, read, rows
