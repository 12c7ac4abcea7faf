// The actions taken on an account's suggestions (or, with $opportunity_id, on one of its
// deals') that are not dropped: what an action list marks as tracked (with its owner, due day
// and status), the newest first so that it wins. One list: Graph.read_list.
MATCH (t:TrackedAction {account_id: $account_id})
WHERE ($opportunity_id IS NULL OR t.opportunity_id = $opportunity_id)
  AND t.status <> 'dropped' AND t.kind <> 'custom'
WITH t ORDER BY t.created_at DESC
LIMIT $limit
RETURN collect(t {.id, .kind, .opportunity_id, .contact_id, .competitor_id, .owner_id, .due,
                  .status}) AS rows
