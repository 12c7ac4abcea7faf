// The vectors of the key persons at these accounts on $as_of (one KPI piece each): summed,
// a scope's figures on that date. One list: Graph.read_list.
UNWIND $account_ids AS account_id
MATCH (p:KpiPiece {account_id: account_id})
USING INDEX p:KpiPiece(account_id)
WHERE <<within p>>
RETURN collect({v: p.v}) AS rows
