// The key persons among $contact_ids on $as_of, at whichever account (an employee's own
// network in the influence list's shape), by contact id. One list: Graph.read_list.
UNWIND $contact_ids AS contact_id
MATCH (p:KpiPiece {contact_id: contact_id})
USING INDEX p:KpiPiece(contact_id)
WHERE <<within p>>
WITH p ORDER BY p.contact_id, p.account_id
RETURN collect({contact_id: p.contact_id, account_id: p.account_id,
                closeness: p.closeness}) AS rows
