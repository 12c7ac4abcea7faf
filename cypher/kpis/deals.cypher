// Deals of the accounts that existed on $as_of, and whether employee influence was leveraged.
// One list: Graph.read_list.
UNWIND $account_ids AS account_id
MATCH (o:Opportunity {account_id: account_id})
WHERE o.created_at IS NULL OR o.created_at <= $as_of
RETURN collect({
  opportunity_id: o.id, account_id: account_id, amount: coalesce(o.amount, 0.0),
  status: o.status, closed_at: o.closed_at, focus: coalesce(o.focus, false),
  leveraged: EXISTS {
    MATCH (o)<-[l:LEVERAGED]-(:Employee)
    WHERE l.since IS NULL OR l.since <= $as_of
  }
}) AS rows
