// Deals won with a close date in ($start, $as_of] and created by $as_of, of every account
// ($account_ids null) or these: how many and how much, and of those where an employee's
// influence was LEVERAGED (an edge valid on $as_of: one ended since no longer counts, and one
// ended after $as_of still does). Anchored on the status and close-date index.
MATCH (o:Opportunity)
WHERE o.status = 'won' AND o.closed_at > $start AND o.closed_at <= $as_of
  AND (o.created_at IS NULL OR o.created_at <= $as_of)
  AND ($account_ids IS NULL OR o.account_id IN $account_ids)
WITH o, coalesce(o.amount, 0.0) AS amount,
     EXISTS { MATCH (o)<-[l:LEVERAGED]-(:Employee) WHERE <<valid l>> } AS leveraged
RETURN count(o) AS won, sum(amount) AS amount,
       sum(CASE WHEN leveraged THEN 1 ELSE 0 END) AS leveraged,
       sum(CASE WHEN leveraged THEN amount ELSE 0.0 END) AS leveraged_amount
