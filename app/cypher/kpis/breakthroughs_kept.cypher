// The breakthrough lists kept (kpis/keep_breakthroughs) for the accounts of $account_ids (null:
// every account) that still hold on $as_of: worked out for that day, under the rule $rule, with
// no write since that may change them (the account's version and the epoch unchanged; both
// read before any answer is worked out again, app/kpis/kept.py). One row: the epoch's counters
// (kpis/kept_counters), the accounts whose lists do not hold with their versions (`stale`:
// [account id, version]), and how long the lists that hold and are not empty are (`kept`:
// [account id, length, version]; kpis/breakthroughs_shown reads those an answer shows).
CALL () {
  <<include kpis/kept_counters>>
}
// One row, whatever the accounts (none: a graph without accounts): aggregates without keys.
CALL (epoch, token) {
  CALL () {
    UNWIND $account_ids AS account_id
    RETURN account_id
    UNION ALL
    WITH 1 AS every WHERE $account_ids IS NULL
    MATCH (a:Account)
    RETURN a.id AS account_id
  }
  OPTIONAL MATCH (k:KeptAccount {account_id: account_id})
  WITH account_id, k, coalesce(k.version, 0) AS version, <<breakthrough_held k>> AS current
  RETURN collect(CASE WHEN NOT current THEN [account_id, version] END) AS stale,
         collect(CASE WHEN current AND size(k.breakthrough_deals) > 0
                      THEN [account_id, size(k.breakthrough_deals), version] END) AS kept
}
RETURN epoch, token, writes, settled, stale, kept
