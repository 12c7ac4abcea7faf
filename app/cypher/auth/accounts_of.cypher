// Each stored object's kind and the accounts it belongs to, for the write policy: an account
// is its own, a contact's and a deal's are their account_id, an activity's are its contacts'
// accounts, other kinds have none; an account also its manual key-account override, an activity
// the employee it is private to and the employees who took part. No row for an unknown id.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  OPTIONAL MATCH (n:Activity)-[:WITH_CONTACT]->(c:Contact)
  RETURN collect(DISTINCT c.account_id) AS activity_accounts
}
RETURN collect({id: n.id, kind: [label IN labels(n) WHERE label <> 'Entity'][0],
                account_ids: CASE
                  WHEN n:Account THEN [n.id]
                  WHEN n:Activity THEN activity_accounts
                  WHEN n:Contact OR n:Opportunity THEN [n.account_id]
                  ELSE [] END,
                key_account_override: CASE WHEN n:Account THEN n.key_account_override END,
                private_to: CASE WHEN n:Activity THEN n.private_to END,
                took_part: CASE WHEN n:Activity THEN coalesce(n.employee_ids, []) END}) AS rows
