// For each account of $account_ids, the day of the latest activity on or before $until with any
// of its people: `shared`, of the activities no one made private, from each contact's last_met
// (network/last_met), or, for a contact last met after $until, from its activities; `mine`, of
// those private to the viewer's employee $me. Null, or no row: no one has met them.
CALL () {
  UNWIND $account_ids AS account_id
  CALL (account_id) {
    MATCH (c:Contact {account_id: account_id})
    WHERE c.last_met IS NOT NULL
    RETURN max(CASE WHEN c.last_met <= $until THEN c.last_met ELSE COLLECT {
      MATCH (c)<-[:WITH_CONTACT]-(act:Activity)
      WHERE act.at <= $until AND act.private_to IS NULL
      RETURN act.at ORDER BY act.at DESC LIMIT 1
    }[0] END) AS last_at
  }
  RETURN collect({account_id: account_id, last_at: last_at}) AS shared
}
CALL () {
  OPTIONAL MATCH (:Employee {id: $me})-[:PARTICIPATED_IN]->(act:Activity)-[:WITH_CONTACT]->(c:Contact)
  WHERE act.private_to = $me AND act.at <= $until
  WITH c.account_id AS account_id, max(act.at) AS last_at
  WHERE account_id IS NOT NULL
  RETURN collect({account_id: account_id, last_at: last_at}) AS mine
}
RETURN shared, mine
