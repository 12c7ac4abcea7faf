// Marks activity $id private to employee $employee_id ($private true) or shared again (false),
// when that employee took part in it, and made private only when no other of our employees
// did (it is theirs too: it counts in their network and figures). An activity private to
// someone else is not found: only its employee knows it is there. Returns nothing for an
// unknown activity; with its contacts, whose acquaintance by activity follows, their accounts,
// and whether it changed.
MATCH (act:Activity {id: $id})
WHERE act.private_to IS NULL OR act.private_to = $employee_id
WITH act, EXISTS { (:Employee {id: $employee_id})-[:PARTICIPATED_IN]->(act) } AS took_part,
     COUNT { (other:Employee)-[:PARTICIPATED_IN]->(act) WHERE other.id <> $employee_id } AS others
WITH act, took_part, others, took_part AND (NOT $private OR others = 0) AS allowed
FOREACH (_ IN CASE WHEN allowed THEN [1] ELSE [] END |
  SET act.private_to = CASE WHEN $private THEN $employee_id END)
RETURN took_part, others, allowed, [(act)-[:WITH_CONTACT]->(c:Contact) | c.id] AS contact_ids,
       [(act)-[:WITH_CONTACT]->(c:Contact) | c.account_id] AS account_ids
