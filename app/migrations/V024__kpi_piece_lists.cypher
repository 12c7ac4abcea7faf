// The lists beside a company's figures (the first key persons of a bucket, by account and
// contact id) are read from indexes instead of from every piece valid on the date: a list that
// holds many key persons is read in (account, contact) order until it has its first few; one
// that holds few is sought by its value and the piece's end (app/kpis/scope_data.py picked).
// A piece keeps its bucket on each degree for that (app/kpis/rollups.py bucket_of); pieces
// stored before this version get theirs here, once the indexes are online (a query hinting an
// index still being built would be planned without it).
CREATE INDEX kpi_piece_account_contact IF NOT EXISTS FOR (n:KpiPiece) ON (n.account_id, n.contact_id);
CREATE INDEX kpi_piece_closeness_bucket IF NOT EXISTS FOR (n:KpiPiece) ON (n.closeness_bucket, n.until);
CREATE INDEX kpi_piece_solution_bucket IF NOT EXISTS FOR (n:KpiPiece) ON (n.solution_bucket, n.until);
CREATE INDEX kpi_piece_price_bucket IF NOT EXISTS FOR (n:KpiPiece) ON (n.price_bucket, n.until);
CREATE INDEX kpi_piece_insighted IF NOT EXISTS FOR (n:KpiPiece) ON (n.insighted, n.until);
CREATE INDEX kpi_piece_acquainted IF NOT EXISTS FOR (n:KpiPiece) ON (n.acq, n.until);
CALL db.awaitIndexes(600);
MATCH (p:KpiPiece)
WHERE p.closeness_bucket IS NULL
CALL (p) {
  WITH p, [s IN [p.closeness, p.solution, p.price] |
           CASE WHEN s IS NULL THEN 'unknown' WHEN s > 0 THEN 'supportive'
                WHEN s = 0 THEN 'neutral' ELSE 'opposed' END] AS b
  SET p.closeness_bucket = b[0], p.solution_bucket = b[1], p.price_bucket = b[2]
} IN TRANSACTIONS OF 10000 ROWS;
