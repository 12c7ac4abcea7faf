// Per account, its deals open on $as_of (created by then; open, or closed after): how many
// and their amount. Accounts without one have no row. One list: Graph.read_list.
UNWIND $account_ids AS account_id
MATCH (o:Opportunity {account_id: account_id})
USING INDEX o:Opportunity(account_id)
WHERE (o.created_at IS NULL OR o.created_at <= $as_of)
  AND (o.status = 'open' OR o.closed_at > $as_of)
WITH account_id, count(o) AS open_count, sum(coalesce(o.amount, 0.0)) AS open_amount
RETURN collect({account_id: account_id, open_count: open_count,
                open_amount: open_amount}) AS rows
