// Rebuilds the KPI pieces of the contacts in $rows ({contact_id}) and folds the change into the day
// rollups, in the transaction of the write that changed them (app/kpis/rollups.py).
// A piece is one key person at one account over [since, until), "since ever" and "for now"
// written 0001-01-01 and 9999-12-31 (so a span test needs no null tests): what the person adds to the
// figures then (vector `v`, layout in app/kpis/rollups.py) and the state it comes from. It
// changes only on a day where an edge starts or ends or an assessment is dated, so the pieces
// are read off those days. A KpiCompanyDay holds the vectors of the pieces starting that day
// minus those ending that day: the company's figures on a date are the sum of the days up to
// it. $scores maps an attitude to its score.
UNWIND $rows AS row
WITH DISTINCT row.contact_id AS contact_id
CALL (contact_id) {
  // The writes before took the contact's lock; a refresh alone takes it here, so two
  // refreshes of one contact never interleave.
  OPTIONAL MATCH (c:Contact {id: contact_id})
  CALL (c) {
    WITH c WHERE c IS NOT NULL
    SET c._lock = true
    REMOVE c._lock
  }
  OPTIONAL MATCH (old:KpiPiece {contact_id: contact_id})
  WITH c, contact_id, collect(old) AS old
  WITH c, contact_id, old,
       [p IN old | {day: p.since, v: [x IN p.v | -x]}] +
       [p IN old WHERE p.until < date('9999-12-31') | {day: p.until, v: p.v}]
       AS gone
  FOREACH (p IN old | DELETE p)
  WITH c, contact_id, gone,
       CASE WHEN c.key_person = true
            THEN [(c)-[w:WORKS_AT]->(a:Account) | {account_id: a.id, since: w.since, until: w.until}]
            ELSE [] END AS works,
       [(c)<-[r:INFLUENCES]-(:Employee) | {since: r.since, until: r.until}] AS known
  CALL (c, works, known) {
    // The days the contribution may change, the first standing for "since ever".
    UNWIND [date('0001-01-01')] + [w IN works | w.since] + [w IN works | w.until]
           + [k IN known | k.since] + [k IN known | k.until]
           + coalesce(c.us_closeness_at, []) + coalesce(c.us_solution_at, [])
           + coalesce(c.us_price_at, []) + coalesce(c.us_veto_at, [])
           + coalesce(c.us_approver_at, []) AS day
    WITH DISTINCT day WHERE day IS NOT NULL AND size(works) > 0
    ORDER BY day
    RETURN collect(day) AS days
  }
  WITH c, contact_id, gone, works, known, days,
       [t IN days | {day: t, state: {
         accounts: reduce(s = [], a IN [w IN works WHERE (w.since IS NULL OR w.since <= t)
                                         AND (w.until IS NULL OR w.until > t) | w.account_id]
                        | CASE WHEN a IN s THEN s ELSE s + a END),
         acq: any(k IN known WHERE (k.since IS NULL OR k.since <= t)
                                   AND (k.until IS NULL OR k.until > t)),
         cl: $scores[coalesce(c.us_closeness[[i IN range(size(coalesce(c.us_closeness_at, [])) - 1, 0, -1)
                                              WHERE c.us_closeness_at[i] <= t][0]], 'unknown')],
         so: $scores[coalesce(c.us_solution[[i IN range(size(coalesce(c.us_solution_at, [])) - 1, 0, -1)
                                             WHERE c.us_solution_at[i] <= t][0]], 'unknown')],
         pr: $scores[coalesce(c.us_price[[i IN range(size(coalesce(c.us_price_at, [])) - 1, 0, -1)
                                          WHERE c.us_price_at[i] <= t][0]], 'unknown')],
         ve: c.us_veto[[i IN range(size(coalesce(c.us_veto_at, [])) - 1, 0, -1)
                        WHERE c.us_veto_at[i] <= t][0]],
         ap: c.us_approver[[i IN range(size(coalesce(c.us_approver_at, [])) - 1, 0, -1)
                            WHERE c.us_approver_at[i] <= t][0]]
       }}] AS states
  // Only the days where the state differs from the day before start a piece (compared
  // without nulls: a map holding one never equals another).
  WITH contact_id, gone,
       [x IN states | x {.*, key: x.state.accounts + [x.state.acq, coalesce(x.state.cl, 9),
                                  coalesce(x.state.so, 9), coalesce(x.state.pr, 9),
                                  coalesce(x.state.ve, 'unknown'),
                                  coalesce(x.state.ap, 'unknown')]}] AS states
  WITH contact_id, gone,
       [j IN range(0, size(states) - 1)
        WHERE j = 0 OR states[j].key <> states[j - 1].key | states[j]] AS changes
  WITH contact_id, gone,
       [j IN range(0, size(changes) - 1)
        | {day: changes[j].day, until: changes[j + 1].day, state: changes[j].state}] AS spans
  CALL (contact_id, spans) {
    UNWIND spans AS span
    WITH span, span.state AS state
    WITH state {.*, day: span.day, until: span.until} AS s
    UNWIND s.accounts AS account_id
    WITH s, account_id,
         s.ve IS NOT NULL AND s.ap IS NOT NULL AND s.cl IS NOT NULL AND s.so IS NOT NULL
           AND s.pr IS NOT NULL AS ins
    WITH s, account_id, ins, CASE WHEN s.acq THEN 1 ELSE 0 END AS a,
         [d IN [s.cl, s.so, s.pr] |
           [coalesce(d, 0), CASE WHEN d IS NULL THEN 0 ELSE 1 END,
            CASE WHEN d > 0 THEN 1 ELSE 0 END, CASE WHEN d = 0 THEN 1 ELSE 0 END,
            CASE WHEN d < 0 THEN 1 ELSE 0 END, CASE WHEN d IS NULL THEN 1 ELSE 0 END]] AS per
    WITH s, account_id, ins,
         [1, a, CASE WHEN ins THEN 1 ELSE 0 END, CASE WHEN ins THEN a ELSE 0 END]
         + reduce(v = [], x IN per | v + x + [n IN x | n * a]) AS v
    CREATE (p:KpiPiece {contact_id: contact_id, account_id: account_id, since: s.day,
                        until: coalesce(s.until, date('9999-12-31')), acq: s.acq, insighted: ins, closeness: s.cl,
                        solution: s.so, price: s.pr, v: v})
    RETURN collect({day: s.day, v: v}) +
           collect(CASE WHEN s.until IS NOT NULL
                        THEN {day: s.until, v: [x IN v | -x]} END)
           AS added
  }
  RETURN gone + added AS moves
}
UNWIND moves AS move
WITH collect(move) AS moves
CALL (moves) {
  UNWIND moves AS m
  WITH m.day AS day, collect(m.v) AS vs
  WITH day, reduce(s = [x IN vs[0] | 0], v IN vs | [i IN range(0, size(v) - 1) | s[i] + v[i]]) AS dv
  WHERE any(x IN dv WHERE x <> 0)
  ORDER BY day
  MERGE (k:KpiCompanyDay {day: day})
  ON CREATE SET k.v = [x IN dv | 0]
  SET k._lock = true
  REMOVE k._lock
  SET k.v = [i IN range(0, size(dv) - 1) | k.v[i] + dv[i]]
  WITH k WHERE all(x IN k.v WHERE x = 0)
  DELETE k
}
RETURN size(moves) AS moves
