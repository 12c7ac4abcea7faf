// The accounts touched after the write numbered $kept_at (kpis/kept_stale), those a company's
// customer summary kept as of it does not follow (their states are read by kpis/customers_kept).
// One row.
MATCH (k:KeptAccount)
USING INDEX k:KeptAccount(touched)
WHERE k.touched > $kept_at
RETURN collect(k.account_id) AS touched
