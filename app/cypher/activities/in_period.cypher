// Activities from $since to $until with any person of the accounts $account_ids (null: of every
// account), an activity private to an employee for that employee alone ($me), the newest $cap
// at most: their tally (activities/tally), each employee of ours who took part with the tally
// of theirs, each account of those met with its activities, people met and colleagues who met
// them, and the page from $offset of $limit (activities/page).
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
  WITH acts AS tallied
  <<include activities/tally with tallied>>
}
CALL (acts) {
  UNWIND acts AS act
  MATCH (e:Employee)-[:PARTICIPATED_IN]->(act)
  WITH e, collect(act) AS tallied
  CALL (tallied) {
    <<include activities/tally with tallied>>
  }
  RETURN collect(tally {.*, employee_id: e.id}) AS colleagues
}
CALL (acts) {
  UNWIND acts AS act
  MATCH (act)-[:WITH_CONTACT]->(c:Contact)
  WHERE $account_ids IS NULL OR c.account_id IN $account_ids
  WITH c.account_id AS account_id, collect(DISTINCT act) AS met, count(DISTINCT c) AS contacts
  CALL (met) {
    UNWIND met AS act
    MATCH (e:Employee)-[:PARTICIPATED_IN]->(act)
    RETURN count(DISTINCT e) AS colleagues
  }
  RETURN collect({account_id: account_id, activities: size(met), contacts: contacts,
                  colleagues: colleagues}) AS accounts
}
RETURN tally AS overall, truncated, colleagues, accounts, rows
