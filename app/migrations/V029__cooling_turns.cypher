// The days each employee/contact pair's trend turned cooling, kept by every write of activities
// (app/network/touch.py) and read by day by the change feed (changes/cooling). Its data step
// (app/data_steps.py) builds them for the activities stored before.
CREATE INDEX cooling_turn_day IF NOT EXISTS FOR (k:CoolingTurn) ON (k.day);
CREATE INDEX cooling_turn_contact IF NOT EXISTS FOR (k:CoolingTurn) ON (k.contact_id);
CALL db.awaitIndexes(600);
