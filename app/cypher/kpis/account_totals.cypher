// Per account on $as_of: its key persons and, per degree, the sum and count of the known
// scores (the averages of the customer line), from the KPI pieces valid then, and their ids. Every account
// ($account_ids null) or these. Accounts without key persons have no row. One list:
// Graph.read_list.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (p:KpiPiece)
  WHERE <<within p>>
  RETURN p
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (p:KpiPiece {account_id: account_id})
  USING INDEX p:KpiPiece(account_id)
  WHERE <<within p>>
  RETURN p
}
WITH p ORDER BY p.contact_id
WITH p.account_id AS account_id, count(*) AS key_persons, collect(p.contact_id) AS key_person_ids,
     sum(p.closeness) AS closeness_sum, count(p.closeness) AS closeness_count,
     sum(p.solution) AS solution_sum, count(p.solution) AS solution_count,
     sum(p.price) AS price_sum, count(p.price) AS price_count
RETURN collect({account_id: account_id, key_persons: key_persons, key_person_ids: key_person_ids,
                closeness_sum: closeness_sum, closeness_count: closeness_count,
                solution_sum: solution_sum, solution_count: solution_count,
                price_sum: price_sum, price_count: price_count}) AS rows
