// The customer line's per-account figures kept for the accounts of $account_ids
// (kpis/keep_customers) that still hold on $as_of: worked out for that day, under the rule
// $rule, with no write since that may change them (the account's version and the epoch
// unchanged). One row: the epoch and its token, the accounts whose figures do not hold with
// their versions (`stale`: [account id, version]), and the figures that hold (`kept`: [account
// id, key persons on the three dates, their ids on the first, score sums and counts per date
// and degree, open deals' count and amount on the first two dates]).
OPTIONAL MATCH (e:KeptEpoch {id: 'kept'})
WITH coalesce(e.n, 0) AS epoch, e.token AS token
UNWIND $account_ids AS account_id
OPTIONAL MATCH (k:KeptAccount {account_id: account_id})
WITH epoch, token, account_id, k, coalesce(k.version, 0) AS version
WITH epoch, token, account_id, k, version,
     coalesce(k.customers_day = $as_of AND k.customers_kept = version
              AND k.customers_epoch = epoch AND k.customers_token = token
              AND k.customers_rule = $rule, false) AS current
RETURN epoch, token,
       collect(CASE WHEN NOT current THEN [account_id, version] END) AS stale,
       collect(CASE WHEN current
                    THEN [account_id, k.customers_key_persons, k.customers_key_person_ids,
                          k.customers_sums, k.customers_counts, k.customers_open_count,
                          k.customers_open_amount] END) AS kept
