// Activities from $since to $until with any person of the accounts $account_ids (null: of every
// account), an activity private to an employee for that employee alone ($me), the newest $cap
// at most: how many, each one's type, who of ours took part in each with the scope's people
// they met there and their accounts, and the page from $offset of $limit (activities/page).
CALL () {
  WITH $account_ids AS ids
  WHERE ids IS NULL
  MATCH (act:Activity)
  WHERE $since <= act.at <= $until
  RETURN act
  UNION
  UNWIND $account_ids AS account_id
  MATCH (:Contact {account_id: account_id})<-[:WITH_CONTACT]-(act:Activity)
  WHERE $since <= act.at <= $until
  RETURN act
}
WITH act
WHERE act.private_to IS NULL OR act.private_to = $me
WITH act
ORDER BY act.at DESC
LIMIT $cap + 1
WITH collect(act) AS found
WITH found[..$cap] AS acts, size(found) > $cap AS truncated
CALL (acts) {
  <<include activities/page with acts>>
}
CALL (acts) {
  UNWIND acts AS act
  MATCH (e:Employee)-[:PARTICIPATED_IN]->(act)
  RETURN collect({
    employee_id: e.id, type: act.type,
    met: [(act)-[:WITH_CONTACT]->(c:Contact)
          WHERE $account_ids IS NULL OR c.account_id IN $account_ids | [c.id, c.account_id]]
  }) AS took_part
}
RETURN size(acts) AS total, truncated, [a IN acts | a.type] AS types,
  [a IN acts | [(a)-[:WITH_CONTACT]->(c:Contact)
                WHERE $account_ids IS NULL OR c.account_id IN $account_ids | [c.id, c.account_id]]] AS met,
  took_part, rows
