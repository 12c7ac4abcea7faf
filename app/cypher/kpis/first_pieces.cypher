// For each filter in $filters, the first $limit key persons of these accounts on $as_of (by
// account, then contact id: accounts come sorted) that pass it: acquainted or not, insighted
// or not, a degree's score among `scores` (or unknown, with `unknown`). Filters left null
// pass everyone. The scan stops at the limit. One row: a list per filter, in their order.
UNWIND range(0, size($filters) - 1) AS i
CALL (i) {
  WITH $filters[i] AS f
  UNWIND $account_ids AS account_id
  CALL (account_id) {
    MATCH (p:KpiPiece {account_id: account_id})
    USING INDEX p:KpiPiece(account_id)
    WHERE <<within p>>
    RETURN p ORDER BY p.contact_id
  }
  WITH f, p
  WHERE (f.acquainted IS NULL OR p.acq = f.acquainted)
    AND (f.insighted IS NULL OR p.insighted = f.insighted)
    AND (f.degree IS NULL OR p[f.degree] IN f.scores OR (f.unknown AND p[f.degree] IS NULL))
  WITH p LIMIT $limit
  RETURN collect({contact_id: p.contact_id, account_id: p.account_id,
                  closeness: p.closeness}) AS found
}
RETURN collect(found) AS lists
