// Every KPI piece, account span and rollup and day rollup, deleted before all are built anew
// (rollups.rebuild).
MATCH (n)
WHERE n:KpiPiece OR n:KpiCompanyDay OR n:KpiAccountSpan OR n:KpiAccountRollup
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS
