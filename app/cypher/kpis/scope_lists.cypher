// The key persons of every account ($account_ids null) or of these on $as_of (the acquainted
// ones only, with $acquainted_only), one KPI piece each, by account and contact id: what the
// lists beside a line's figures are picked from (app/kpis/scope_data.py picked). Filtered
// lists built here ran a company's 56k key persons at 1x out of transaction memory (each list
// was built whole before its first few were kept); one compact list leaves the database
// instead. One list: Graph.read_list.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (p:KpiPiece)
  WHERE <<within p>> AND (NOT $acquainted_only OR p.acq)
  RETURN p
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (p:KpiPiece {account_id: account_id})
  USING INDEX p:KpiPiece(account_id)
  WHERE <<within p>> AND (NOT $acquainted_only OR p.acq)
  RETURN p
}
WITH p ORDER BY p.account_id, p.contact_id
RETURN collect(p {.contact_id, .account_id, .acq, .insighted, .closeness, .solution,
                  .price}) AS rows
