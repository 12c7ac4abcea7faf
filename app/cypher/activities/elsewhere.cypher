// How many activities from $since to $until each employee of $employee_ids took part in with no
// person of the accounts $account_ids among their people: a member's work at other accounts
// (an activity private to an employee counts for that employee alone, $me).
UNWIND $employee_ids AS employee_id
MATCH (e:Employee {id: employee_id})
RETURN collect({employee_id: employee_id, elsewhere: COUNT {
  MATCH (e)-[:PARTICIPATED_IN]->(act:Activity)
  WHERE $since <= act.at <= $until AND (act.private_to IS NULL OR act.private_to = $me)
    AND NOT EXISTS {
      MATCH (act)-[:WITH_CONTACT]->(c:Contact)
      WHERE c.account_id IN $account_ids
    }
}}) AS rows
