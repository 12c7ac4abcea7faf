// Activities with one contact ($contact_id) or with any person of an account ($account_id), up
// to $as_of, the page from $offset of $limit (activities/page). An activity private to an
// employee is there for that employee alone ($me).
CALL () {
  MATCH (c:Contact {id: $contact_id})
  RETURN c
  UNION
  MATCH (c:Contact {account_id: $account_id})
  RETURN c
}
MATCH (c)<-[:WITH_CONTACT]-(act:Activity)
WHERE act.at <= $as_of AND (act.private_to IS NULL OR act.private_to = $me)
WITH collect(DISTINCT act) AS acts
CALL (acts) {
  <<include activities/page with acts>>
}
RETURN rows
