// The days from $since to $until on which the trend of an employee's relationship with a key
// person of these accounts ($account_ids null: every account) turned cooling, as kept by the
// writes of activities (app/network/touch.py), with the two strengths it compared: those of
// the pairs acquainted by activity (IN_TOUCH) on some day from $from_day to $until (the runs of
// its IN_TOUCH edges, kept with the turn: touch_since, touch_until). A turn that
// a concurrent refresh deleted after this read found it (read committed) reads as nulls: left
// out. One row: the turns of the newest days that hold $first of them (all of the oldest of
// those days: the feed orders a day's events itself), and how many turns the older days hold
// (`older`: counted, not read).
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (k:CoolingTurn)
  WHERE k.day >= $since AND k.day <= $until
  RETURN k
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (c:Contact {account_id: account_id})
  MATCH (k:CoolingTurn {contact_id: c.id})
  WHERE k.day >= $since AND k.day <= $until
  RETURN k
}
WITH k {.day, .contact_id, .employee_id, .from, .to, .touch_since, .touch_until} AS k
WHERE k.day IS NOT NULL
  AND any(i IN range(0, size(coalesce(k.touch_since, [])) - 1)
          WHERE k.touch_since[i] <= $until AND k.touch_until[i] > $from_day)
MATCH (c:Contact {id: k.contact_id})
WHERE c.key_person = true
// Counted a day at a time, newest first: a page needs only the days that hold its turns.
WITH k.day AS day,
     collect([k.contact_id, k.employee_id, k.from, k.to, c.account_id, c.name]) AS these
ORDER BY day DESC
WITH collect([day, these]) AS days
WITH days, reduce(seen = [0, null], d IN days |
                  CASE WHEN seen[0] < $first THEN [seen[0] + size(d[1]), d[0]] ELSE seen END)[1]
           AS oldest
WITH days, oldest,
     reduce(n = 0, d IN days | n + CASE WHEN oldest IS NULL OR d[0] < oldest THEN size(d[1])
                                        ELSE 0 END) AS older
// No sorting from here on: a row that sorts holds every list in scope.
CALL (days, oldest) {
  UNWIND days AS d
  WITH d WHERE d[0] >= oldest
  UNWIND d[1] AS x
  // Days as ISO strings (app.db.graph.iso_days).
  RETURN collect({at: toString(d[0]), contact_id: x[0], employee_id: x[1], from: x[2], to: x[3],
                  account_id: x[4], name: x[5]}) AS rows
}
RETURN older, rows
