// The accounts touched after the write numbered $kept_at (kpis/kept_stale), those a company's
// breakthrough summary kept as of it does not follow, each as kpis/breakthroughs_kept reads it
// under $epoch and $token (read first, kpis/kept_counts): those whose lists do not hold
// (`stale`: [account id, version]) and the length of those that hold and are not empty (`kept`:
// [account id, length, version]). One row, with `touched`, every account touched since, and
// the epoch, its token, the latest write's number and the latest known applied as read first.
CALL () {
  MATCH (k:KeptAccount)
  USING INDEX k:KeptAccount(touched)
  WHERE k.touched > $kept_at
  WITH k, $epoch AS epoch, $token AS token
  WITH k, coalesce(k.version, 0) AS version, <<breakthrough_held k>> AS current
  RETURN collect(k.account_id) AS touched,
         collect(CASE WHEN NOT current THEN [k.account_id, version] END) AS stale,
         collect(CASE WHEN current AND size(k.breakthrough_deals) > 0
                      THEN [k.account_id, size(k.breakthrough_deals), version] END) AS kept
}
RETURN $epoch AS epoch, $token AS token, $writes AS writes, $settled AS settled, touched, stale,
       kept
