// Deals of the accounts that existed on $as_of, and whether employee influence was leveraged.
// One list: Graph.read_list.
// Anchored on the account_id index (the hint), as the planner chooses on current statistics:
// run once per page of accounts, a plan made on statistics sampled while the index was empty
// would be paid for on every page.
UNWIND $account_ids AS account_id
MATCH (o:Opportunity {account_id: account_id})
USING INDEX o:Opportunity(account_id)
WHERE o.created_at IS NULL OR o.created_at <= $as_of
WITH o, account_id ORDER BY account_id, o.id
RETURN collect({
  opportunity_id: o.id, account_id: account_id, amount: coalesce(o.amount, 0.0),
  status: o.status, closed_at: o.closed_at, focus: coalesce(o.focus, false),
  leveraged: EXISTS {
    MATCH (o)<-[l:LEVERAGED]-(:Employee)
    WHERE <<begun l>>
  }
}) AS rows
