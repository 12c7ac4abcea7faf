// Activities from $since to $until with any person of the accounts $account_ids (null: of every
// account), an activity private to an employee for that employee alone ($me), the newest $cap
// at most: how many (of each of the $types, in their order), the different people of those
// accounts met and their accounts; the same per employee of ours who took part; and the page
// from $offset of $limit (activities/page).
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
  OPTIONAL MATCH (act)-[:WITH_CONTACT]->(c:Contact)
  WHERE $account_ids IS NULL OR c.account_id IN $account_ids
  RETURN count(DISTINCT c) AS contacts, count(DISTINCT c.account_id) AS accounts
}
CALL (acts) {
  UNWIND acts AS act
  MATCH (e:Employee)-[:PARTICIPATED_IN]->(act)
  WITH e, collect(act) AS mine
  CALL (mine) {
    UNWIND mine AS act
    OPTIONAL MATCH (act)-[:WITH_CONTACT]->(c:Contact)
    WHERE $account_ids IS NULL OR c.account_id IN $account_ids
    RETURN count(DISTINCT c) AS contacts, count(DISTINCT c.account_id) AS accounts
  }
  RETURN collect({employee_id: e.id, activities: size(mine), contacts: contacts,
                  accounts: accounts,
                  by_type: [type IN $types | size([act IN mine WHERE act.type = type])]}) AS colleagues
}
RETURN {activities: size(acts), contacts: contacts, accounts: accounts,
        by_type: [type IN $types | size([act IN acts WHERE act.type = type])]} AS overall,
       truncated, colleagues, rows
