// Keeps the account list's rows made for accounts whose figures were kept without them (a page
// of the list keeps none, app/kpis/customer_rows.py on_dates): each of $rows ({account_id,
// figures, row}) where the account's figures are still those it was made from and hold for
// $as_of under $rule, $epoch and $token (kpis/customers_kept). A write since (a rename, a new key
// person) raised the version: the figures no longer hold, nor would the row. Accounts in id
// order, as writes take them.
WITH $epoch AS epoch, $token AS token
UNWIND $rows AS r
WITH epoch, token, r ORDER BY r.account_id
MATCH (k:KeptAccount {account_id: r.account_id})
WHERE <<customers_held k>> AND k.customers_figures = r.figures AND k.customers_row IS NULL
SET k.customers_row = r.row
