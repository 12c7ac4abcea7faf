// The change feed of the whole company finds our assessments in a period by their day, without
// reading every assessment (changes/assessments).
CREATE INDEX assessment_toward_at IF NOT EXISTS FOR (n:Assessment) ON (n.toward, n.at);
CALL db.awaitIndexes(600);
