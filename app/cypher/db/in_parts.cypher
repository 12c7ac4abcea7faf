// Part, last in a query that returns one list ($rows, with the including query's list): the
// list in parts of at most 1,000 items, one record each and at least one, in order
// (app/db/graph.py one_list joins them). For a list that grows with the company: one record
// of all of it would grow the driver's buffer of the connection to its size for as long as
// the connection lives (Reader.read_in_parts).
UNWIND range(0, CASE WHEN size($rows) > 0 THEN size($rows) - 1 ELSE 0 END, 1000) AS at
RETURN $rows[at..at + 1000] AS rows
ORDER BY at
