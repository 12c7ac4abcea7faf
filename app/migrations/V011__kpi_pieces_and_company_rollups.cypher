// KPI pieces and the company's day rollups (app/kpis/rollups.py): found by contact when a
// write rebuilds them, by account for a scope's figures and lists; one rollup per day.
CREATE INDEX kpi_piece_contact IF NOT EXISTS FOR (n:KpiPiece) ON (n.contact_id);
CREATE INDEX kpi_piece_account IF NOT EXISTS FOR (n:KpiPiece) ON (n.account_id);
CREATE CONSTRAINT kpi_company_day IF NOT EXISTS FOR (n:KpiCompanyDay) REQUIRE n.day IS UNIQUE;
// Built once for the contacts stored before this version; writes keep them current.
MATCH (c:Contact)
WITH c.id AS id
CALL (id) {
  WITH [{contact_id: id}] AS rows
  <<include kpis/refresh_pieces with rows>>
} IN TRANSACTIONS OF 2000 ROWS
RETURN count(*) AS contacts;
