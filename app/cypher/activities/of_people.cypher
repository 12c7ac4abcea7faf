// Activities with one contact ($contact_id) or with any person of an account ($account_id), up
// to $as_of, newest first (on one day, by their time; one of no time by when it was entered,
// so that what a rep just logged comes first), at most $limit: who took part, the deal, and
// who entered each. An activity private to an employee is there for that employee alone ($me).
CALL () {
  MATCH (c:Contact {id: $contact_id})
  RETURN c
  UNION
  MATCH (c:Contact {account_id: $account_id})
  RETURN c
}
MATCH (c)<-[:WITH_CONTACT]-(act:Activity)
WHERE act.at <= $as_of AND (act.private_to IS NULL OR act.private_to = $me)
WITH DISTINCT act
ORDER BY act.at DESC, coalesce(act.at_time, act.entered_at, datetime({date: act.at})) DESC, act.id
LIMIT $limit
RETURN collect({
  id: act.id, at: act.at, at_time: act.at_time, type: act.type, summary: act.summary,
  private: act.private_to IS NOT NULL,
  note: act.note, entered_by_principal: act.entered_by_principal,
  entered_by_employee: act.entered_by_employee, entered_at: act.entered_at, source: act.source,
  employee_ids: [(e:Employee)-[:PARTICIPATED_IN]->(act) | e.id],
  contacts: [(act)-[:WITH_CONTACT]->(p:Contact) | {id: p.id, name: p.name, account_id: p.account_id}],
  deal: [(act)-[:ABOUT]->(o:Opportunity) | {id: o.id, account_id: o.account_id}][0]
}) AS rows
