// Deals won with a close date in ($start, $as_of] and created by $as_of, of every account
// ($account_ids null) or these: how many and how much, and of those where an employee's
// influence was LEVERAGED (an edge valid on $as_of: one ended since no longer counts, and one
// ended after $as_of still does). Anchored on the status and close-date index. Amounts are in
// $reporting, the reporting currency: a deal in another currency is converted with that
// currency's rate in force on its close date (the latest on or before it); one without such a
// rate (refused by every write, possible only after the reporting currency changed) adds no
// amount and is counted in `unconverted`.
MATCH (o:Opportunity)
WHERE o.status = 'won' AND o.closed_at > $start AND o.closed_at <= $as_of
  AND (o.created_at IS NULL OR o.created_at <= $as_of)
  AND ($account_ids IS NULL OR o.account_id IN $account_ids)
WITH o, toUpper(coalesce(o.currency, $reporting)) AS currency
WITH o, CASE WHEN o.amount IS NULL THEN 0.0
             WHEN currency = $reporting THEN toFloat(o.amount)
             ELSE o.amount * COLLECT {
               MATCH (r:ExchangeRate {currency: currency}) WHERE r.at <= o.closed_at
               RETURN r.rate ORDER BY r.at DESC LIMIT 1 }[0] END AS amount
WITH o, coalesce(amount, 0.0) AS amount, amount IS NULL AS unconverted,
     EXISTS { MATCH (o)<-[l:LEVERAGED]-(:Employee) WHERE <<valid l>> } AS leveraged
RETURN count(o) AS won, sum(amount) AS amount,
       sum(CASE WHEN leveraged THEN 1 ELSE 0 END) AS leveraged,
       sum(CASE WHEN leveraged THEN amount ELSE 0.0 END) AS leveraged_amount,
       sum(CASE WHEN unconverted THEN 1 ELSE 0 END) AS unconverted
