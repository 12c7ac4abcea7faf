// The change feed of the whole company finds the political map's lines (influence and
// reporting) that began or ended in a period by those days, without reading every line
// (changes/edges).
CREATE INDEX influences_since IF NOT EXISTS FOR ()-[r:INFLUENCES]-() ON (r.since);
CREATE INDEX influences_until IF NOT EXISTS FOR ()-[r:INFLUENCES]-() ON (r.until);
CREATE INDEX reports_to_since IF NOT EXISTS FOR ()-[r:REPORTS_TO]-() ON (r.since);
CREATE INDEX reports_to_until IF NOT EXISTS FOR ()-[r:REPORTS_TO]-() ON (r.until);
CALL db.awaitIndexes(600);
