// The key persons of these accounts ($account_ids null: every account) with whom an employee
// was acquainted by activity (IN_TOUCH) on some day from $from_day to $until, each pair with
// their shared activities (none private) from $earliest to $until: what the pair's trend on
// each day of the period is computed from (app/changes/events.py). At most $limit pairs.
// One list.
CALL () {
  WITH 1 AS company WHERE $account_ids IS NULL
  MATCH (e:Employee)-[t:IN_TOUCH]->(c:Contact)
  WHERE c.key_person = true AND t.since <= $until AND t.until > $from_day
  RETURN DISTINCT e, c
  UNION
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (c:Contact {account_id: account_id})<-[t:IN_TOUCH]-(e:Employee)
  WHERE c.key_person = true AND t.since <= $until AND t.until > $from_day
  RETURN DISTINCT e, c
}
WITH e, c ORDER BY c.id, e.id
LIMIT $limit
CALL (e, c) {
  MATCH (e)-[:PARTICIPATED_IN]->(act:Activity)-[:WITH_CONTACT]->(c)
  WHERE act.private_to IS NULL AND act.at >= $earliest AND act.at <= $until
  // An activity removed after this read found it (read committed) reads as nulls: left out.
  // Days as ISO strings (app.db.graph.iso_days): tens of thousands of them for the company.
  WITH act {at: toString(act.at), .type} AS activity
  WHERE activity.at IS NOT NULL
  RETURN collect(activity) AS activities
}
RETURN collect({account_id: c.account_id, contact_id: c.id, name: c.name, employee_id: e.id,
                activities: activities}) AS rows
