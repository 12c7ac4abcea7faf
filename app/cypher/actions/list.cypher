// Tracked actions on the accounts $account_ids (null: every account) or owned by $mine,
// filtered by owner and status (null: any), earliest due first: a page of them and how many
// match in all.
CALL () {
  WITH 1 AS everything WHERE $account_ids IS NULL
  MATCH (t:TrackedAction)
  RETURN t
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (t:TrackedAction {account_id: account_id})
  RETURN t
  UNION
  MATCH (t:TrackedAction {owner_id: $mine})
  RETURN t
}
WITH t
WHERE ($owner_id IS NULL OR t.owner_id = $owner_id) AND ($status IS NULL OR t.status = $status)
WITH t ORDER BY t.due, t.id
WITH collect(t) AS found
RETURN size(found) AS total,
       [t IN found[$offset..($offset + $limit)] |
        t {.*, created_at: toString(t.created_at), updated_at: toString(t.updated_at)}] AS actions
