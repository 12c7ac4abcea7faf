// The contacts of every account ($account_ids null) or of these whom we ($us) assessed between
// $since and $until (both included), at most $limit, each with what a feature moved from
// needs: our assessments in the period (`history`), before them the assessments of a deal
// assessed in the period dated before it, all oldest first (of two on a day, the one entered
// first); and (`general`) the last known value of each feature of our general assessments
// before the period, from the contact's timelines (ingestion/merge_assessments), so that a
// contact's older history is not read. One list: Graph.read_list.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (s:Assessment)
  WHERE s.toward = $us AND s.at >= $since AND s.at <= $until
  RETURN DISTINCT s.contact_id AS contact_id
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (c:Contact {account_id: account_id})
  WHERE EXISTS {
    MATCH (c)-[:HAS_ASSESSMENT]->(s:Assessment)
    WHERE s.at >= $since AND s.at <= $until AND s.toward = $us
  }
  RETURN c.id AS contact_id
}
WITH contact_id ORDER BY contact_id
LIMIT $limit
MATCH (c:Contact {id: contact_id})
CALL (c) {
  MATCH (s:Assessment {contact_id: c.id})
  WHERE s.at >= $since AND s.at <= $until AND s.toward = $us
  RETURN collect(s) AS within
}
CALL (c, within) {
  UNWIND [s IN within WHERE s.opportunity_id IS NOT NULL | s.opportunity_id] AS deal
  WITH DISTINCT deal
  MATCH (s:Assessment {opportunity_id: deal, contact_id: c.id})
  WHERE s.at < $since AND s.toward = $us
  RETURN collect(s) AS earlier
}
CALL (earlier, within) {
  UNWIND earlier + within AS s
  WITH s ORDER BY s.at, coalesce(s.entered_at, datetime({epochMillis: 0}))
  // Days as ISO strings (app.db.graph.iso_days): tens of thousands of them for the company.
  RETURN collect(s {at: toString(s.at), .opportunity_id, .closeness, .solution, .price, .veto,
                    .approver, .entered_by_employee}) AS history
}
WITH c, history,
     [i IN range(size(coalesce(c.us_closeness_at, [])) - 1, 0, -1)
      WHERE c.us_closeness_at[i] < $since][0] AS closeness,
     [i IN range(size(coalesce(c.us_solution_at, [])) - 1, 0, -1)
      WHERE c.us_solution_at[i] < $since][0] AS solution,
     [i IN range(size(coalesce(c.us_price_at, [])) - 1, 0, -1)
      WHERE c.us_price_at[i] < $since][0] AS price,
     [i IN range(size(coalesce(c.us_veto_at, [])) - 1, 0, -1)
      WHERE c.us_veto_at[i] < $since][0] AS veto,
     [i IN range(size(coalesce(c.us_approver_at, [])) - 1, 0, -1)
      WHERE c.us_approver_at[i] < $since][0] AS approver
RETURN collect({contact_id: c.id, account_id: c.account_id, name: c.name, history: history,
                general: {closeness: c.us_closeness[closeness], solution: c.us_solution[solution],
                          price: c.us_price[price], veto: c.us_veto[veto],
                          approver: c.us_approver[approver]}}) AS rows
