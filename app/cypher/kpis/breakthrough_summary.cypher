// The company's breakthrough summary (kpis/keep_breakthrough_summary) if it holds on $as_of
// under the rule $rule and the epoch: every account's list length where not empty, as of the
// write numbered `kept_at` (kpis/kept_stale); and the accounts touched since, each as
// kpis/breakthroughs_kept reads it: those whose lists do not hold (`stale`: [account id,
// version]) and the length of those that hold and are not empty (`kept`: [account id, length,
// version]). One row, with the epoch, its token and the number of the latest write committed
// (`writes`), read first: what a write after it changes is touched after it.
OPTIONAL MATCH (e:KeptEpoch {id: 'kept'})
WITH coalesce(e.n, 0) AS epoch, e.token AS token, coalesce(e.writes, 0) AS writes
OPTIONAL MATCH (m:KeptSummary {id: 'breakthrough'})
WITH epoch, token, writes, m,
     coalesce(m.day = $as_of AND m.rule = $rule AND m.epoch = epoch AND m.token = token,
              false) AS holds
CALL (epoch, token, m, holds) {
  MATCH (k:KeptAccount)
  USING INDEX k:KeptAccount(touched)
  WHERE holds AND k.touched > m.kept_at
  WITH k, coalesce(k.version, 0) AS version
  WITH k, version,
       coalesce(k.breakthrough_day = $as_of AND k.breakthrough_kept = version
                AND k.breakthrough_epoch = epoch AND k.breakthrough_token = token
                AND k.breakthrough_rule = $rule, false) AS current
  RETURN collect(k.account_id) AS touched,
         collect(CASE WHEN NOT current THEN [k.account_id, version] END) AS stale,
         collect(CASE WHEN current AND size(k.breakthrough_deals) > 0
                      THEN [k.account_id, size(k.breakthrough_deals), version] END) AS kept
}
RETURN epoch, token, writes, holds, m.kept_at AS kept_at,
       CASE WHEN holds THEN m.accounts ELSE [] END AS accounts,
       CASE WHEN holds THEN m.lengths ELSE [] END AS lengths,
       CASE WHEN holds THEN m.versions ELSE [] END AS versions,
       touched, stale, kept
