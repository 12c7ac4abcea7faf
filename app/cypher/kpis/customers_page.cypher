// The accounts of a page of the customer line's account list ($account_ids, in that order):
// each account's name, focus and industry, and, where its figures are kept for $as_of under the
// rule $rule, $epoch and $token and no write has come since, those figures, its key persons'
// ids and its row as kept (app/kpis/customer_rows.py's Kept; null otherwise). One list.
WITH $epoch AS epoch, $token AS token
UNWIND range(0, size($account_ids) - 1) AS i
MATCH (a:Account {id: $account_ids[i]})
OPTIONAL MATCH (k:KeptAccount {account_id: a.id})
WITH i, a, k, <<customers_held k>> AS current
ORDER BY i
RETURN collect({account_id: a.id, name: a.name, focus: coalesce(a.focus, false),
                industry: a.industry,
                figures: CASE WHEN current THEN k.customers_figures END,
                key_person_ids: CASE WHEN current THEN k.customers_key_person_ids END,
                row: CASE WHEN current THEN k.customers_row END}) AS rows
