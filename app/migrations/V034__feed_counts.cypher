// The change feed counts our assessments' moves by day from an index alone (changes/
// assessment_moves): how many degrees and votes each moved, kept with it by
// ingestion/our_assessment_days; and it checks a cooling relationship's acquaintance on the turn
// itself (the pair's IN_TOUCH runs, kept with each turn by app/network/touch.py) instead of
// expanding the employee's edges. Its data step (app/data_steps.py) writes both for what was
// stored before.
CREATE INDEX assessment_moves IF NOT EXISTS
FOR (n:Assessment) ON (n.toward, n.at, n.degree_moves, n.vote_moves);
CALL db.awaitIndexes(600);
