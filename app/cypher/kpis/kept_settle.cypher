// Every write numbered so far is known applied (`settled`, read by kpis/kept_unchanged): this
// SET waits for the epoch's lock, which a write holds until its commit has been applied, and
// the number it keeps was committed before. Run on its own, off an answer's path, when an answer
// found a write not yet known applied (app/kpis/kept.py).
MATCH (e:KeptEpoch {id: 'kept'})
WHERE coalesce(e.settled, 0) < e.writes
SET e.settled = e.writes
