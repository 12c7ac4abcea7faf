// Answers kept per account for a day, read back until a write may change them
// (app/kpis/kept.py): one node per account, with the version every write that may change them
// raises, and one epoch node that writes too large to follow raise.
CREATE CONSTRAINT kept_account IF NOT EXISTS FOR (n:KeptAccount) REQUIRE n.account_id IS UNIQUE;
CREATE CONSTRAINT kept_epoch IF NOT EXISTS FOR (n:KeptEpoch) REQUIRE n.id IS UNIQUE;
CALL db.awaitIndexes(600);
