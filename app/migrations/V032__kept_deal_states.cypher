// The change feed's deal states kept per deal and day (app/changes/service.py), read back until
// a write may change them (app/kpis/kept.py): one node per deal and day asked, found by both and
// by the deal alone (the oldest of a deal's go when it is kept again).
CREATE CONSTRAINT kept_deal_state IF NOT EXISTS
FOR (n:KeptDealState) REQUIRE (n.opportunity_id, n.day) IS UNIQUE;
CREATE INDEX kept_deal_state_deal IF NOT EXISTS FOR (n:KeptDealState) ON (n.opportunity_id);
CALL db.awaitIndexes(600);
