// For each account of $account_ids, the day of the latest activity on or before $until with any
// of its people (an activity private to an employee counts for that employee alone, $me); null
// for an account whose people no one has met.
UNWIND $account_ids AS account_id
CALL (account_id) {
  OPTIONAL MATCH (:Contact {account_id: account_id})<-[:WITH_CONTACT]-(act:Activity)
  WHERE act.at <= $until AND (act.private_to IS NULL OR act.private_to = $me)
  RETURN max(act.at) AS last_at
}
RETURN collect({account_id: account_id, last_at: last_at}) AS rows
