// Of the activities $acts, the page from $offset of at most $limit as activity lists show them,
// newest first (on one day, by their time; one of no time by when it was entered, so that what
// a rep just logged comes first): who took part, the people, the deal and who entered each.
UNWIND $acts AS act
WITH act
ORDER BY act.at DESC, coalesce(act.at_time, act.entered_at, datetime({date: act.at})) DESC, act.id
SKIP $offset
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
