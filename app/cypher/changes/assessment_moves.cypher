// Our ($us) assessments of the contacts of every account ($account_ids null) or of these between
// $since and $until (both included), with what each moved each feature from (kept by
// ingestion/our_assessment_days) and their contact's account and name: the newest first, at
// most $limit. One row.
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
WITH s ORDER BY s.at DESC, s.key
LIMIT $limit
MATCH (c:Contact {id: s.contact_id})
// Lists rather than maps, and days as ISO strings: a company's month holds tens of thousands,
// which the driver decodes in Python (app.changes.events.moved_events reads them).
RETURN collect([toString(s.at), s.contact_id, s.opportunity_id, s.entered_by_employee,
                c.account_id, c.name, s.closeness, s.solution, s.price, s.veto, s.approver,
                s.closeness_from, s.solution_from, s.price_from, s.veto_from,
                s.approver_from]) AS rows
