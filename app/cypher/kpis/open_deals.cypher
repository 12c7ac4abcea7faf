// Per account and date of $dates (`at`, its place there), its deals open on that date (created
// by then; open, or closed after): how many and their amount in $reporting, the reporting
// currency. Each deal is read once for every date. A deal in another currency is converted with
// that currency's rate in force on the date (the latest on or before it), else, before the
// currency's first rate, with the first one; a currency without any rate (refused by every
// write, possible only after the reporting currency changed) adds no amount. Accounts without
// an open deal on a date have no row for it. One list, in parts: Graph.read_list.
UNWIND $account_ids AS account_id
MATCH (o:Opportunity {account_id: account_id})
USING INDEX o:Opportunity(account_id)
WHERE (o.created_at IS NULL OR o.created_at <= $last)
  AND (o.status = 'open' OR o.closed_at > $first)
UNWIND range(0, size($dates) - 1) AS at
WITH account_id, o, at, $dates[at] AS as_of
WHERE (o.created_at IS NULL OR o.created_at <= as_of)
  AND (o.status = 'open' OR o.closed_at > as_of)
WITH account_id, o, at, as_of, toUpper(coalesce(o.currency, $reporting)) AS currency
WITH account_id, o, at, CASE WHEN o.amount IS NULL THEN 0.0
                             WHEN currency = $reporting THEN toFloat(o.amount)
                             ELSE o.amount * coalesce(
                               COLLECT { MATCH (r:ExchangeRate {currency: currency})
                                         WHERE r.at <= as_of
                                         RETURN r.rate ORDER BY r.at DESC LIMIT 1 }[0],
                               COLLECT { MATCH (r:ExchangeRate {currency: currency})
                                         RETURN r.rate ORDER BY r.at LIMIT 1 }[0]) END AS amount
WITH account_id, at, count(o) AS open_count, sum(coalesce(amount, 0.0)) AS open_amount
WITH collect({account_id: account_id, at: at, open_count: open_count,
              open_amount: open_amount}) AS rows
<<include db/in_parts with rows>>
