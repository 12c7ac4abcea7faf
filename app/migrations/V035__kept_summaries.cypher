// A company's answers kept whole, read with only the accounts written since
// (app/kpis/kept.py): each write marks the accounts it makes stale with its number in the
// writes' sequence (`touched`), which an answer seeks from the number its summary was kept at.
CREATE INDEX kept_account_touched IF NOT EXISTS FOR (n:KeptAccount) ON (n.touched);
CREATE CONSTRAINT kept_summary IF NOT EXISTS FOR (n:KeptSummary) REQUIRE n.id IS UNIQUE;
CALL db.awaitIndexes(600);
