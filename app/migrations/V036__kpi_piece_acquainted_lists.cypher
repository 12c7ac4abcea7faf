// The acquainted lists beside a company's influence line (the first acquainted key persons of a
// bucket by account and contact id, and all of them by contact and account id) are read in the
// order of an index that holds the list's value and acquaintance before the ids: the read starts
// at the list's first entry and stops at its first few valid on the date, where a scan of every
// piece in id order read about ten times as many to find them (app/kpis/scope_data.py picked).
// The index on acquaintance and end, which sought those lists before, serves no query now.
CREATE INDEX kpi_piece_acquainted_closeness IF NOT EXISTS FOR (n:KpiPiece) ON (n.closeness_bucket, n.acq, n.account_id, n.contact_id);
CREATE INDEX kpi_piece_acquainted_solution IF NOT EXISTS FOR (n:KpiPiece) ON (n.solution_bucket, n.acq, n.account_id, n.contact_id);
CREATE INDEX kpi_piece_acquainted_price IF NOT EXISTS FOR (n:KpiPiece) ON (n.price_bucket, n.acq, n.account_id, n.contact_id);
CREATE INDEX kpi_piece_acquainted_contact IF NOT EXISTS FOR (n:KpiPiece) ON (n.acq, n.contact_id, n.account_id);
DROP INDEX kpi_piece_acquainted IF EXISTS;
CALL db.awaitIndexes(600);
