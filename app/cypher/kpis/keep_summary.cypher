// Keeps a company summary under $id: its content as one JSON text in parts ($parts, one
// property: read whole, never half of an older one), for $day as of the write numbered
// $kept_at, stamped with what it holds under ($stamp: rule, epoch, token, the writes not
// marked, the deal writes), unless the epoch or the writes not marked have moved since they
// were read ($epoch, $token, $unmarked), or a summary of a later day, or of the same day and
// stamp as of a later write, is kept already (answers keep theirs in any order; one as of the
// same write adds what it worked out).
MATCH (e:KeptEpoch {id: 'kept'})
WHERE e.n = $epoch AND e.token = $token
  AND coalesce(e.writes, 0) - coalesce(e.marked, 0) = $unmarked
MERGE (m:KeptSummary {id: $id})
WITH m
WHERE m.day IS NULL OR m.day < $day
   OR (m.day = $day AND (m.stamp <> $stamp OR m.kept_at <= $kept_at))
SET m.day = $day, m.kept_at = $kept_at, m.stamp = $stamp, m.parts = $parts, m.content = null
