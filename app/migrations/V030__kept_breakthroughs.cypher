// Each account's breakthrough list for a day, kept after an answer worked it out and read by the
// next (app/kpis/breakthrough.py): one state node per account, with the version every write
// that may change the list raises, and one epoch node that writes too large to follow raise.
CREATE CONSTRAINT breakthrough_state_account IF NOT EXISTS
FOR (n:BreakthroughState) REQUIRE n.account_id IS UNIQUE;
CREATE CONSTRAINT breakthrough_epoch_id IF NOT EXISTS
FOR (n:BreakthroughEpoch) REQUIRE n.id IS UNIQUE;
CALL db.awaitIndexes(600);
