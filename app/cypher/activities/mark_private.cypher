// Marks activity $id private to employee $employee_id ($private true) or shared again (false),
// when that employee took part in it. An activity private to someone else is not found: only
// its employee knows it is there. Returns nothing for an unknown activity; with its contacts,
// whose acquaintance by activity follows.
MATCH (act:Activity {id: $id})
WHERE act.private_to IS NULL OR act.private_to = $employee_id
WITH act, EXISTS { (:Employee {id: $employee_id})-[:PARTICIPATED_IN]->(act) } AS took_part
FOREACH (_ IN CASE WHEN took_part THEN [1] ELSE [] END |
  SET act.private_to = CASE WHEN $private THEN $employee_id END)
RETURN took_part, [(act)-[:WITH_CONTACT]->(c:Contact) | c.id] AS contact_ids
