// Our ($us) assessments of the contacts of every account ($account_ids null) or of these between
// $since and $until (both included), with what each moved each feature from (kept by
// ingestion/our_assessment_days) and their contact's account and name: by contact, then oldest
// first (of two on a day, the one entered first), at most $limit. One list: Graph.read_list.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (s:Assessment)
  WHERE s.toward = $us AND s.at >= $since AND s.at <= $until
  RETURN s
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (:Contact {account_id: account_id})-[:HAS_ASSESSMENT]->(s:Assessment)
  WHERE s.at >= $since AND s.at <= $until AND s.toward = $us
  RETURN s
}
WITH s ORDER BY s.contact_id, s.at, coalesce(s.entered_at, datetime({epochMillis: 0}))
LIMIT $limit
MATCH (c:Contact {id: s.contact_id})
// Days as ISO strings (app.db.graph.iso_days): tens of thousands of them for the company.
RETURN collect(s {at: toString(s.at), .contact_id, .opportunity_id, .closeness, .solution,
                  .price, .veto, .approver, .closeness_from, .solution_from, .price_from,
                  .veto_from, .approver_from, .entered_by_employee, account_id: c.account_id,
                  name: c.name}) AS rows
