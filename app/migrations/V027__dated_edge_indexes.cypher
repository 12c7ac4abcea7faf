// The change feed of the whole company finds the decision-chain edges that began or ended in a
// period, and the contacts who left their account then, by those days, without reading every
// deal's chain (changes/edges).
CREATE INDEX in_decision_chain_since IF NOT EXISTS FOR ()-[r:IN_DECISION_CHAIN]-() ON (r.since);
CREATE INDEX in_decision_chain_until IF NOT EXISTS FOR ()-[r:IN_DECISION_CHAIN]-() ON (r.until);
CREATE INDEX works_at_until IF NOT EXISTS FOR ()-[r:WORKS_AT]-() ON (r.until);
CALL db.awaitIndexes(600);
