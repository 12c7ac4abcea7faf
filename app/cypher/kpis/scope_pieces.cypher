// The key persons at these accounts on $as_of (one KPI piece each), as much as their vectors
// need: summed, a scope's figures on that date. One list: Graph.read_list.
UNWIND $account_ids AS account_id
MATCH (p:KpiPiece {account_id: account_id})
USING INDEX p:KpiPiece(account_id)
WHERE <<within p>>
// Its properties read once: a piece that a write of its contact replaced after this read found
// it (read committed) reads as nulls from then on, and is left out of this answer.
WITH p {.acq, .insighted, .closeness, .solution, .price} AS piece
WHERE piece.acq IS NOT NULL AND piece.insighted IS NOT NULL
RETURN collect(piece) AS rows
