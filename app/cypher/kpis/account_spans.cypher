// The spans of the accounts $account_ids (in id order, so that two writes take their locks in
// one order) built anew from their KPI pieces: one span per run of days over which an
// account's key persons and their known scores add up to the same figures (the customer line's
// per-account figures; acquaintance and insight are not among them), none where it has no key
// person. Each account's rollup node is locked first: a write that changed some of its pieces
// and waited for that lock then reads the pieces that the write before it committed. The
// account is no longer pending (kpis/spans_pending).
UNWIND $account_ids AS account_id
CALL (account_id) {
  MERGE (k:KpiAccountRollup {account_id: account_id})
  SET k._lock = true
  REMOVE k._lock, k.pending
}
CALL (account_id) {
  MATCH (s:KpiAccountSpan {account_id: account_id})
  DELETE s
}
CALL (account_id) {
  MATCH (p:KpiPiece {account_id: account_id})
  // A piece deleted by a rebuild of every piece (which takes no rollup's lock) after this
  // found it reads as nulls: it is left out.
  WITH p {.since, .until, .contact_id, .closeness, .solution, .price} AS p
  WHERE p.contact_id IS NOT NULL AND p.since IS NOT NULL AND p.until IS NOT NULL
  WITH collect(p) AS pieces
  // Every day on which a piece starts or ends, in order; between two, the pieces valid on the
  // first are valid throughout.
  WITH pieces, COLLECT { UNWIND pieces AS p UNWIND [p.since, p.until] AS day
                         RETURN DISTINCT day ORDER BY day } AS days
  UNWIND range(0, size(days) - 2) AS i
  WITH days[i] AS since, days[i + 1] AS until,
       [p IN pieces WHERE p.since <= days[i] AND p.until > days[i]] AS valid
  WHERE size(valid) > 0
  WITH since, until, {
         key_persons: size(valid),
         key_person_ids: COLLECT { UNWIND valid AS p RETURN p.contact_id ORDER BY p.contact_id },
         closeness_sum: reduce(total = 0, p IN valid | total + coalesce(p.closeness, 0)),
         closeness_count: size([p IN valid WHERE p.closeness IS NOT NULL]),
         solution_sum: reduce(total = 0, p IN valid | total + coalesce(p.solution, 0)),
         solution_count: size([p IN valid WHERE p.solution IS NOT NULL]),
         price_sum: reduce(total = 0, p IN valid | total + coalesce(p.price, 0)),
         price_count: size([p IN valid WHERE p.price IS NOT NULL])} AS figures
  ORDER BY since
  WITH collect({since: since, until: until, figures: figures}) AS runs
  // A run starts a span where the day before it is not in a run, or its figures differ; the
  // span lasts until the last run before the next span starts.
  UNWIND range(0, size(runs) - 1) AS i
  WITH runs, i
  WHERE i = 0 OR runs[i - 1].until <> runs[i].since OR runs[i - 1].figures <> runs[i].figures
  WITH runs, collect(i) AS starts
  UNWIND range(0, size(starts) - 1) AS j
  WITH runs[starts[j]] AS first, runs[coalesce(starts[j + 1], size(runs)) - 1] AS last
  CREATE (s:KpiAccountSpan)
  SET s = first.figures, s.account_id = account_id, s.since = first.since, s.until = last.until
}
