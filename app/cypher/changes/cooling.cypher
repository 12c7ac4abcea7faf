// The days from $since to $until on which the trend of an employee's relationship with a key
// person of these accounts ($account_ids null: every account) turned cooling, as kept by the
// writes of activities (app/network/touch.py), with the two strengths it compared: those of
// the pairs acquainted by activity (IN_TOUCH) on some day from $from_day to $until. At most
// $limit, newest first (the feed's order), by contact and employee. A turn that a concurrent
// refresh deleted after this read found it (read committed) reads as nulls: left out. One list.
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
WITH k {.*} AS k
WHERE k.day IS NOT NULL
MATCH (c:Contact {id: k.contact_id})
WHERE c.key_person = true
MATCH (e:Employee {id: k.employee_id})
WHERE EXISTS { (e)-[t:IN_TOUCH]->(c) WHERE t.since <= $until AND t.until > $from_day }
WITH k, c, e ORDER BY k.day DESC, c.id, e.id
LIMIT $limit
// Days as ISO strings (app.db.graph.iso_days).
RETURN collect({at: toString(k.day), account_id: c.account_id, contact_id: c.id, name: c.name,
                employee_id: e.id, from: k.from, to: k.to}) AS rows
