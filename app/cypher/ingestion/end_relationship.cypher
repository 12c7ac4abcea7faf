// Template: <<rel_type>> is a RelType. Ending sets `until` and who ended it; nothing is deleted.
// An edge ended on the day it began holds on no day: a mistake taken back the same day. The
// current edge holds $today: one given an end after today (planned) is current until then, and
// ending it again moves its end.
MATCH (a:Entity {id: $from})-[r:<<rel_type>>]->(b:Entity {id: $to})
WHERE (r.until IS NULL OR r.until > $today)
  AND coalesce(r.opportunity_id, '') = coalesce($opportunity_id, '')
  AND (r.since IS NULL OR r.since <= $until)
SET r.until = $until, r.ended_by_principal = $ended.entered_by_principal,
    r.ended_by_employee = $ended.entered_by_employee, r.ended_at = $ended.entered_at,
    r.ended_source = $ended.source
RETURN count(r) AS ended
