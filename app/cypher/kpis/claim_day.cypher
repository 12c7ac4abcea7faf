// Claims, for the process $process, the work of the company's lines on the day $today under
// the rule $rule (what the lines are kept under: app/warm.py), which has begun or on which the
// process started (app/warm.py): if no process has claimed the day under that rule yet (a
// deploy may bring another rule), or this one did (its attempt failed and is tried again). The
// epoch node's lock is taken first, so that of two processes claiming at once the second reads
// the day the first claimed. No row: another's. No epoch node (nothing was ever kept): nothing
// to claim.
MATCH (e:KeptEpoch {id: 'kept'})
SET e.day_claim = true
REMOVE e.day_claim
WITH e
WHERE e.day_warmed IS NULL OR e.day_warmed < $today
   OR (e.day_warmed = $today
       AND (e.day_warmed_by = $process OR coalesce(e.day_warmed_rule, '') <> $rule))
SET e.day_warmed = $today, e.day_warmed_by = $process, e.day_warmed_rule = $rule
RETURN true AS claimed
