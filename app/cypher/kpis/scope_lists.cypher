// The lists beside a line's figures, picked from the key persons of every account
// ($account_ids null) or of these on $as_of (the acquainted ones only, with $acquainted_only),
// one KPI piece each: per degree, the first $limit of each bucket (app/kpis/figures.py
// bucket_of: supportive above 0, neutral 0, opposed below, unknown) and the first $limit not
// insighted, by account and contact id; and the first $limit by contact id, then account.
// Only the lists leave the database, not the scope's key persons. One record.
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
WITH collect(p {.contact_id, .account_id, .acq, .insighted, .closeness, .solution,
                .price}) AS people
RETURN [d IN ['closeness', 'solution', 'price'] | {
         degree: d,
         supportive: [x IN people WHERE x[d] > 0][..$limit],
         neutral: [x IN people WHERE x[d] = 0][..$limit],
         opposed: [x IN people WHERE x[d] < 0][..$limit],
         unknown: [x IN people WHERE x[d] IS NULL][..$limit]}] AS buckets,
       [x IN people WHERE NOT x.insighted][..$limit] AS not_insighted,
       COLLECT {
         UNWIND people AS x
         RETURN x ORDER BY x.contact_id, x.account_id LIMIT $limit
       } AS by_contact
