// The accounts of the deals among $ids as stored, read by a write before it changes them: a
// deal that moves leaves a kept breakthrough list behind at its old account
// (kpis/kept_stale). Each deal's lock is taken first (setting a value to itself), so
// that another write moving it at the same time waits and then reads where this one put it
// (in id order, as every write takes them).
// One row.
UNWIND $ids AS id
MATCH (o:Entity {id: id})
WHERE o:Opportunity
WITH o ORDER BY o.id
SET o.account_id = o.account_id
RETURN collect(DISTINCT o.account_id) AS accounts
