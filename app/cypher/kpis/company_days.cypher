// The company's day rollups up to $as_of, oldest first (app/kpis/rollups.py): the company's
// figures on any date up to it are the sums of the days up to that date, each day an ISO
// string (app.db.graph.iso_days). One list: Graph.read_list.
// A day that a write brought to nothing and deleted after this read found it (read committed)
// reads as nulls from then on: it added nothing, and is left out.
MATCH (k:KpiCompanyDay)
WHERE k.day <= $as_of
WITH k {.day, .v} AS day
WHERE day.day IS NOT NULL AND day.v IS NOT NULL
WITH day ORDER BY day.day
RETURN collect(day {day: toString(day.day), .v}) AS rows
