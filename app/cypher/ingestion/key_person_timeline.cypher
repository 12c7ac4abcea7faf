// Each written contact's key-person flag kept as a dated timeline (`key_person_at`,
// `key_person_was`), so that a figure for a past date does not move when the flag changes
// today: the first value holds from the contact's `since`, else since ever ($ever); a change
// from the last value holds from $today (two changes on one day: the later one).
// $rows: {id, key_person, since}.
UNWIND $rows AS row
MATCH (c:Contact {id: row.id})
WITH c, coalesce(row.key_person, false) AS now, coalesce(c.key_person_at, []) AS at,
     coalesce(c.key_person_was, []) AS was, coalesce(row.since, $ever) AS first
WITH c, now, at, was, first, size(at) AS n
FOREACH (_ IN CASE WHEN n = 0 THEN [1] ELSE [] END |
  SET c.key_person_at = [first], c.key_person_was = [now])
FOREACH (_ IN CASE WHEN n > 0 AND was[n - 1] <> now AND at[n - 1] >= $today THEN [1] ELSE [] END |
  SET c.key_person_was = was[..n - 1] + [now])
FOREACH (_ IN CASE WHEN n > 0 AND was[n - 1] <> now AND at[n - 1] < $today THEN [1] ELSE [] END |
  SET c.key_person_at = at + [$today], c.key_person_was = was + [now])
