// Deals of the accounts that existed on $as_of, and whether employee influence was leveraged.
UNWIND $account_ids AS account_id
MATCH (o:Opportunity {account_id: account_id})
WHERE o.created_at IS NULL OR o.created_at <= $as_of
RETURN o.id AS opportunity_id, account_id, coalesce(o.amount, 0.0) AS amount, o.status AS status,
       o.closed_at AS closed_at, coalesce(o.focus, false) AS focus,
       EXISTS {
         MATCH (o)<-[l:LEVERAGED]-(:Employee)
         WHERE l.since IS NULL OR l.since <= $as_of
       } AS leveraged
