// The lists beside a company's figures that hold many key persons (the first of a degree's
// bucket or of those not insighted, by account and contact id; the acquainted by contact and
// account id) are read in the order of an index that holds the list's value and acquaintance
// before the ids: each read starts at the list's first entry and stops at its first few valid
// on the date (app/kpis/scope_data.py picked). At 3x it reads about 800 entries for 100 where
// the scan of every piece in (account, contact) order read about 8,000. That scan's index serves
// no query of this version; it stays while workers of the version before may run beside it (a
// rolling restart) and read their lists with it. Lists that hold few are still sought by value
// and end (V024).
CREATE INDEX kpi_piece_closeness_list IF NOT EXISTS FOR (n:KpiPiece) ON (n.closeness_bucket, n.acq, n.account_id, n.contact_id);
CREATE INDEX kpi_piece_solution_list IF NOT EXISTS FOR (n:KpiPiece) ON (n.solution_bucket, n.acq, n.account_id, n.contact_id);
CREATE INDEX kpi_piece_price_list IF NOT EXISTS FOR (n:KpiPiece) ON (n.price_bucket, n.acq, n.account_id, n.contact_id);
CREATE INDEX kpi_piece_insighted_list IF NOT EXISTS FOR (n:KpiPiece) ON (n.insighted, n.acq, n.account_id, n.contact_id);
CREATE INDEX kpi_piece_acquainted_list IF NOT EXISTS FOR (n:KpiPiece) ON (n.acq, n.contact_id, n.account_id);
CALL db.awaitIndexes(600);
