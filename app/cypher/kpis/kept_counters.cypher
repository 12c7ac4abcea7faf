// Part, inside CALL () { ... }, first in a read of kept answers (app/kpis/kept.py's Seen): the
// epoch node `e` and its counters. `epoch` is raised when every kept answer goes stale and
// `token` is new when the graph was wiped (kpis/kept_epoch); `writes` is the number of the
// latest write committed (kpis/kept_stale) and `settled` that of the latest known applied
// (kpis/kept_settle).
OPTIONAL MATCH (e:KeptEpoch {id: 'kept'})
RETURN e, coalesce(e.n, 0) AS epoch, e.token AS token, coalesce(e.writes, 0) AS writes,
       coalesce(e.settled, 0) AS settled
