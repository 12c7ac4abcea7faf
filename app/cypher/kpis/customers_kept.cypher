// The customer line's per-account figures kept for the accounts of $account_ids (null: every
// account kept; kpis/keep_customers) that still hold on $as_of: worked out for that day, under
// the rule $rule, with no write since that may change them (the account's version and the epoch
// unchanged). One row: the epoch's counters (kpis/kept_counters), the accounts whose figures do
// not hold with their versions (`stale`: [account id, version]), and the figures that hold: the
// accounts' ids (`kept_ids`) and, in the same order, their figures, their key persons' ids and
// their rows as kept if $rows (`kept`, `kept_key_person_ids`: JSON texts; `kept_rows`: JSON as
// UTF-8 bytes; app/kpis/customer_rows.py's Kept). The row in parts, in order.
CALL () {
  <<include kpis/kept_counters>>
}
CALL (epoch, token) {
  CALL () {
    WITH 1 AS every WHERE $account_ids IS NULL
    MATCH (k:KeptAccount)
    RETURN k.account_id AS account_id, k
    UNION
    UNWIND coalesce($account_ids, []) AS account_id
    OPTIONAL MATCH (k:KeptAccount {account_id: account_id})
    RETURN account_id, k
  }
  WITH account_id, k, coalesce(k.version, 0) AS version, <<customers_held k>> AS current
  // One row, whatever the accounts: an aggregate without keys.
  RETURN collect(CASE WHEN NOT current THEN [account_id, version] END) AS stale,
         collect(CASE WHEN current THEN account_id END) AS kept_ids,
         collect(CASE WHEN current THEN k.customers_figures END) AS kept,
         collect(CASE WHEN current THEN k.customers_key_person_ids END) AS kept_key_person_ids,
         // Null where not written or not asked for ($rows): a list of them keeps its place.
         collect(CASE WHEN current THEN [CASE WHEN $rows THEN k.customers_row END] END)
           AS kept_rows
}
// In parts, each of at most $part accounts of each list (Reader.read_in_parts): the company's
// rows are 13.5 MB at 3x.
WITH epoch, token, writes, settled, stale, kept_ids, kept, kept_key_person_ids, kept_rows,
     CASE WHEN size(stale) > size(kept_ids) THEN size(stale) ELSE size(kept_ids) END AS n
UNWIND range(0, CASE WHEN n > 0 THEN n - 1 ELSE 0 END, $part) AS at
RETURN epoch, token, writes, settled, stale[at..at + $part] AS stale,
       kept_ids[at..at + $part] AS kept_ids, kept[at..at + $part] AS kept,
       kept_key_person_ids[at..at + $part] AS kept_key_person_ids,
       [row IN kept_rows[at..at + $part] | row[0]] AS kept_rows
ORDER BY at
