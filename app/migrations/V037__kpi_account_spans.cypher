// Per-account spans of the customer line's figures (app/kpis/rollups.py account spans): an
// account's key persons (how many, their ids) and each degree's sum and count of known scores
// over a run of days, kept by the writes that change its KPI pieces, so that a company's
// figures on a date read one span per account where they read every key person's piece. Found
// by their span as the pieces are (V025), by account when a write rebuilds an account's spans;
// a write takes its account's rollup node's lock before it reads the account's pieces, or, when
// it changed the pieces of many accounts, marks their rollup nodes pending (read from their
// pieces until their spans are built). The spans of the accounts stored before this version
// are built after these statements (its data step); writes keep them current.
CREATE CONSTRAINT kpi_account_rollup IF NOT EXISTS FOR (n:KpiAccountRollup) REQUIRE n.account_id IS UNIQUE;
CREATE INDEX kpi_account_span IF NOT EXISTS FOR (n:KpiAccountSpan) ON (n.until, n.since);
CREATE INDEX kpi_account_span_account IF NOT EXISTS FOR (n:KpiAccountSpan) ON (n.account_id);
CREATE INDEX kpi_account_rollup_pending IF NOT EXISTS FOR (n:KpiAccountRollup) ON (n.pending);
CALL db.awaitIndexes(600);
