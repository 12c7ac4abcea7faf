// The tracked actions on every account ($account_ids null) or on these that existed by
// $until and were open at some revision, with their revisions (day, status, due date,
// owner): when each fell overdue is worked out from them. One list: Graph.read_list.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (t:TrackedAction)
  RETURN t
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (t:TrackedAction {account_id: account_id})
  RETURN t
}
WITH t
WHERE t.rev_on[0] <= $until
WITH t ORDER BY t.id
LIMIT $limit
RETURN collect(t {.id, .account_id, .opportunity_id, .contact_id, .note, .kind, .rev_on,
                  .rev_status, .rev_due, .rev_owner}) AS rows
