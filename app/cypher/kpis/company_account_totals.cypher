// Per account of the company on $as_of: its key persons (how many; their ids by contact id when
// $with_ids) and, per degree, the sum and count of the known scores (the customer line's
// averages), from the KPI pieces valid then, sought by their span (kpis/account_totals reads
// some accounts on several dates instead). Accounts without key persons on the date have no
// row. One list, in parts: Graph.read_list.
MATCH (p:KpiPiece)
USING INDEX p:KpiPiece(until, since)
WHERE p.until > $as_of AND p.since <= $as_of
// A piece that a write of its contact replaced after this read found it (read committed)
// reads as nulls from then on: it is left out (its properties are read once, here).
WITH p.account_id AS account_id, p.contact_id AS contact_id, p.closeness AS closeness,
     p.solution AS solution, p.price AS price
WHERE contact_id IS NOT NULL AND account_id IS NOT NULL
WITH account_id, contact_id, closeness, solution, price
// The ids by contact id; without them the order is a constant, which costs nothing measurable
// (one query for both).
ORDER BY CASE WHEN $with_ids THEN contact_id END
WITH account_id, count(*) AS key_persons,
     CASE WHEN $with_ids THEN collect(contact_id) ELSE [] END AS key_person_ids,
     sum(closeness) AS closeness_sum, count(closeness) AS closeness_count,
     sum(solution) AS solution_sum, count(solution) AS solution_count,
     sum(price) AS price_sum, count(price) AS price_count
WITH collect({account_id: account_id, key_persons: key_persons,
              key_person_ids: key_person_ids,
              closeness_sum: closeness_sum, closeness_count: closeness_count,
              solution_sum: solution_sum, solution_count: solution_count,
              price_sum: price_sum, price_count: price_count}) AS rows
<<include db/in_parts with rows>>
