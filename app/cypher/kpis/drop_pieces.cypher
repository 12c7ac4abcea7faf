// Every KPI piece and day rollup, deleted before all are built anew (rollups.rebuild).
MATCH (n)
WHERE n:KpiPiece OR n:KpiCompanyDay
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS
