// The company's day rollups up to $as_of, oldest first (app/kpis/rollups.py): the company's
// figures on any date up to it are the sums of the days up to that date. One list:
// Graph.read_list.
MATCH (k:KpiCompanyDay)
WHERE k.day <= $as_of
WITH k ORDER BY k.day
RETURN collect({day: k.day, v: k.v}) AS rows
