// The first $limit acquainted key persons on $as_of by contact id (then account), at every
// account ($account_ids null) or these: the influence list. One list: Graph.read_list.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (p:KpiPiece)
  WHERE p.contact_id IS NOT NULL AND p.acq AND <<within p>>
  RETURN p ORDER BY p.contact_id, p.account_id LIMIT $limit
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (p:KpiPiece {account_id: account_id})
  USING INDEX p:KpiPiece(account_id)
  WHERE p.acq AND <<within p>>
  RETURN p ORDER BY p.contact_id, p.account_id LIMIT $limit
}
WITH p ORDER BY p.contact_id, p.account_id
RETURN collect({contact_id: p.contact_id, account_id: p.account_id,
                closeness: p.closeness}) AS rows
