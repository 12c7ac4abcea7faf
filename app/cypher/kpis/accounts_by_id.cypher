// The accounts of $account_ids as the account list shows them: each one's name, focus and
// industry, for the rows of the few that are made when the list is answered (app/kpis/
// company_list.py). One list.
UNWIND $account_ids AS account_id
MATCH (a:Account {id: account_id})
RETURN collect({account_id: a.id, name: a.name, focus: coalesce(a.focus, false),
                industry: a.industry}) AS rows
