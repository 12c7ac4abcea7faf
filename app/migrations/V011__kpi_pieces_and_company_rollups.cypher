// KPI pieces and the company's day rollups (app/kpis/rollups.py): found by contact when a
// write rebuilds them, by account for a scope's figures and lists; one rollup per day. The
// pieces of the contacts stored before this version are built after these statements, by
// rollups.rebuild (its DATA_STEPS); writes keep them current.
CREATE INDEX kpi_piece_contact IF NOT EXISTS FOR (n:KpiPiece) ON (n.contact_id);
CREATE INDEX kpi_piece_account IF NOT EXISTS FOR (n:KpiPiece) ON (n.account_id);
CREATE CONSTRAINT kpi_company_day IF NOT EXISTS FOR (n:KpiCompanyDay) REQUIRE n.day IS UNIQUE;
