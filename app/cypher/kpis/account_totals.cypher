// Per account of $account_ids on each of $dates (with its index `at`): its key persons (how
// many; their ids on the first date only, the one listed) and, per degree, the sum and count
// of the known scores (the customer line's averages), from the KPI pieces valid then, in one
// pass over them. Accounts without key persons on a date have no row for it. One list, in parts:
// Graph.read_list.
UNWIND $account_ids AS account_id
MATCH (p:KpiPiece {account_id: account_id})
USING INDEX p:KpiPiece(account_id)
// A piece that a write of its contact replaced after this read found it (read committed)
// reads as nulls from then on: one whose contact reads so is left out (reading the rest of
// its properties once, as kpis/listed does, cost this pass over every piece half again).
WHERE p.since <= $last AND p.until > $first AND p.contact_id IS NOT NULL
UNWIND range(0, size($dates) - 1) AS at
WITH p, at
WHERE p.since <= $dates[at] AND p.until > $dates[at]
WITH p, at ORDER BY p.contact_id
WITH at, p.account_id AS account_id, count(*) AS key_persons,
     collect(CASE WHEN at = 0 THEN p.contact_id END) AS key_person_ids,
     sum(p.closeness) AS closeness_sum, count(p.closeness) AS closeness_count,
     sum(p.solution) AS solution_sum, count(p.solution) AS solution_count,
     sum(p.price) AS price_sum, count(p.price) AS price_count
WITH collect({at: at, account_id: account_id, key_persons: key_persons,
              key_person_ids: key_person_ids,
              closeness_sum: closeness_sum, closeness_count: closeness_count,
              solution_sum: solution_sum, solution_count: solution_count,
              price_sum: price_sum, price_count: price_count}) AS rows
<<include db/in_parts with rows>>
