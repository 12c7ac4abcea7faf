// A company's per-account totals on a date (the customer line) are read from the pieces valid
// then, sought by their span: the pieces ending after the date, filtered inside the index by
// their start, so that only the pieces valid on the date are loaded (kpis/company_account_totals).
// It serves every read of pieces by their end alone too, so the index on the end is dropped.
CREATE INDEX kpi_piece_span IF NOT EXISTS FOR (n:KpiPiece) ON (n.until, n.since);
DROP INDEX kpi_piece_until IF EXISTS;
CALL db.awaitIndexes(600);
