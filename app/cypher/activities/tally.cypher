// How many the activities $tallied are, of each of the $types (in their order), and the different
// people of the accounts $account_ids (null: of every account) met at them, and their accounts.
// A part of activities/in_period, for every activity and for each colleague's activities.
WITH $tallied AS tallied
CALL (tallied) {
  UNWIND tallied AS act
  OPTIONAL MATCH (act)-[:WITH_CONTACT]->(c:Contact)
  WHERE $account_ids IS NULL OR c.account_id IN $account_ids
  RETURN count(DISTINCT c) AS contacts, count(DISTINCT c.account_id) AS accounts
}
RETURN {activities: size(tallied), contacts: contacts, accounts: accounts,
        by_type: [type IN $types | size([act IN tallied WHERE act.type = type])]} AS tally
