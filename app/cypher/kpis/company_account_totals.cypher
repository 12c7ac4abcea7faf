// Per account of the company on $as_of: its key persons (how many; their ids by contact id when
// $with_ids) and, per degree, the sum and count of the known scores (the customer line's
// averages), from the account spans valid then (kpis/account_spans), sought by their span: one
// span per account, where the KPI pieces are one per key person (kpis/account_totals reads
// some accounts' pieces on several dates instead). Accounts without key persons on the date
// have no row. One list, in parts: Graph.read_list.
MATCH (s:KpiAccountSpan)
USING INDEX s:KpiAccountSpan(until, since)
WHERE s.until > $as_of AND s.since <= $as_of
// A span that a write of its account replaced after this read found it (read committed)
// reads as nulls from then on: it is left out (its properties are read once, here).
WITH s {.account_id, .key_persons, .key_person_ids, .closeness_sum, .closeness_count,
        .solution_sum, .solution_count, .price_sum, .price_count} AS row
WHERE row.account_id IS NOT NULL AND row.key_persons IS NOT NULL
WITH collect(row {.*, key_person_ids: CASE WHEN $with_ids THEN row.key_person_ids ELSE [] END})
     AS rows
<<include db/in_parts with rows>>
