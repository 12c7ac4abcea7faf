// The deals of every account ($account_ids null) or of these that are open on $until (made by
// then, not closed by then), at most $limit: the focus deals first (the ones a capped answer
// must not leave out), then by id. One list: Graph.read_list.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (o:Opportunity)
  RETURN o
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (o:Opportunity {account_id: account_id})
  RETURN o
}
WITH o
WHERE (o.created_at IS NULL OR o.created_at <= $until)
  AND (o.status = 'open' OR o.closed_at > $until)
WITH o ORDER BY coalesce(o.focus, false) DESC, o.id
LIMIT $limit
RETURN collect({opportunity_id: o.id, account_id: o.account_id, name: o.name}) AS rows
