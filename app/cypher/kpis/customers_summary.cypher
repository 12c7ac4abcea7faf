// The company's customer-line summary (kpis/keep_customers_summary) if it holds on $as_of under
// the rule $rule and the epoch: every account's figures as kpis/customers_kept reads them, as
// of the write numbered `kept_at` (kpis/kept_stale); and the accounts touched since (their
// states are read by kpis/customers_kept). One row, with the epoch, its token and the number
// of the latest write committed (`writes`), read first: what a write after it changes is
// touched after it.
OPTIONAL MATCH (e:KeptEpoch {id: 'kept'})
WITH coalesce(e.n, 0) AS epoch, e.token AS token, coalesce(e.writes, 0) AS writes
OPTIONAL MATCH (m:KeptSummary {id: 'customers'})
WITH epoch, token, writes, m,
     coalesce(m.day = $as_of AND m.rule = $rule AND m.epoch = epoch AND m.token = token,
              false) AS holds
CALL (m, holds) {
  MATCH (k:KeptAccount)
  USING INDEX k:KeptAccount(touched)
  WHERE holds AND k.touched > m.kept_at
  RETURN collect(k.account_id) AS touched
}
RETURN epoch, token, writes, holds, m.kept_at AS kept_at,
       CASE WHEN holds THEN m.accounts ELSE [] END AS accounts,
       CASE WHEN holds THEN m.figures ELSE [] END AS figures, touched
