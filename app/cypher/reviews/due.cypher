// The review due list: of the key persons of every account ($account_ids null) or of these on
// $as_of (at most $cap, the first by account and contact id; `truncated` when there are more),
// those with a feature due on $as_of. The features, in this order: closeness, solution, price,
// veto, approver (the last day we, $us, assessed each on or before $as_of, in general or for a
// deal) and importance (the day it was judged). A feature is due when never assessed by $as_of,
// or last assessed on or before its $cutoffs day; it falls due its $every after that day.
// Never assessed first, then those with a feature never assessed (due at once), then the
// earliest due date; then by account and contact id. One row: `truncated`, `total` (key
// persons due) and the page ($offset, $limit), each with its last days (ISO strings, null:
// never) and the positions of the features due.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (c:Contact)-[w:WORKS_AT]->(a:Account)
  WHERE <<key_person c>> AND <<valid w>>
  RETURN c, a
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (c:Contact)-[w:WORKS_AT]->(a:Account {id: account_id})
  WHERE <<key_person c>> AND <<valid w>>
  RETURN c, a
}
WITH DISTINCT c, a ORDER BY a.id, c.id
LIMIT $cap + 1
WITH collect([c, a]) AS found
WITH found[..$cap] AS kept, size(found) > $cap AS truncated
CALL (kept) {
  UNWIND kept AS pair
  WITH pair[0] AS c, pair[1] AS a
  CALL (c) {
    // The last days kept on the contact (ingestion/our_assessment_days) are those on $as_of
    // when none is after it; else they are read from the assessments. (Read committed: an
    // assessment committed between the two reads may show in the row; the next answer is
    // whole again.)
    WITH c WHERE c.us_last_assessed IS NULL OR c.us_last_assessed <= $as_of
    RETURN c.us_last_closeness AS closeness, c.us_last_solution AS solution,
           c.us_last_price AS price, c.us_last_veto AS veto, c.us_last_approver AS approver,
           c.us_last_assessed AS any_feature
    UNION ALL
    WITH c WHERE c.us_last_assessed > $as_of
    OPTIONAL MATCH (c)-[:HAS_ASSESSMENT]->(s:Assessment)
    WHERE s.toward = $us AND s.at <= $as_of
    // Grouped by the contact: no row when this branch does not apply.
    WITH c, max(CASE WHEN s.closeness IS NOT NULL THEN s.at END) AS closeness,
         max(CASE WHEN s.solution IS NOT NULL THEN s.at END) AS solution,
         max(CASE WHEN s.price IS NOT NULL THEN s.at END) AS price,
         max(CASE WHEN s.veto IS NOT NULL THEN s.at END) AS veto,
         max(CASE WHEN s.approver IS NOT NULL THEN s.at END) AS approver,
         max(s.at) AS any_feature
    RETURN closeness, solution, price, veto, approver, any_feature
  }
  WITH c, a, any_feature,
       [closeness, solution, price, veto, approver,
        CASE WHEN c.importance_at <= $as_of THEN c.importance_at END] AS last
  WITH c, a, any_feature, last,
       [i IN range(0, 5) WHERE last[i] IS NULL OR last[i] <= $cutoffs[i]] AS owed
  WHERE size(owed) > 0
  // A feature never assessed is due at once: before any day.
  WITH c, a, any_feature, last, owed,
       reduce(first = date('9999-12-31'), i IN owed |
              CASE WHEN last[i] IS NULL THEN date('0001-01-01')
                   WHEN last[i] + $every[i] < first THEN last[i] + $every[i] ELSE first END)
         AS first_due
  ORDER BY any_feature IS NOT NULL, first_due, a.id, c.id
  RETURN collect([c, a, any_feature, last, owed]) AS due
}
CALL (due) {
  UNWIND due[$offset..$offset + $limit] AS row
  WITH row[0] AS c, row[1] AS a, row[2] AS any_feature, row[3] AS last, row[4] AS owed
  RETURN collect({contact_id: c.id, name: c.name, account_id: a.id, account_name: a.name,
                  last_assessed: toString(any_feature), owed: owed,
                  last: [day IN last | toString(day)]}) AS key_persons
}
RETURN truncated, size(due) AS total, key_persons
