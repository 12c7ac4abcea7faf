// The key persons at these accounts on $as_of (one KPI piece each), as much as their vectors
// need: summed, a scope's figures on that date. One list: Graph.read_list.
UNWIND $account_ids AS account_id
MATCH (p:KpiPiece {account_id: account_id})
USING INDEX p:KpiPiece(account_id)
WHERE <<within p>>
RETURN collect(p {.acq, .insighted, .closeness, .solution, .price}) AS rows
