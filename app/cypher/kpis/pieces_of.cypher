// The key persons among $contact_ids on $as_of, at whichever account (an employee's own
// network in the influence list's shape), by contact id. One list, in parts: Graph.read_list.
UNWIND $contact_ids AS contact_id
MATCH (p:KpiPiece {contact_id: contact_id})
USING INDEX p:KpiPiece(contact_id)
WHERE <<within p>>
// Its properties read once: a piece that a write of its contact replaced after this read found
// it (read committed) reads as nulls from then on, and is left out of this answer.
WITH p {.contact_id, .account_id, .closeness} AS piece
WHERE piece.contact_id IS NOT NULL AND piece.account_id IS NOT NULL
WITH piece ORDER BY piece.contact_id, piece.account_id
WITH collect(piece) AS rows
<<include db/in_parts with rows>>
