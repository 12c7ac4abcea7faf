// Of these contacts ($contact_ids, changes/assessed_contacts), what a feature our assessments
// ($us) between $since and $until (both included) moved from needs: those assessments
// (`history`), before them the assessments of a deal assessed in the period dated before it, all
// oldest first (of two on a day, the one entered first); and (`general`) the last known value
// of each feature of our general assessments on $as_of, the day before the period, from the
// contact's timelines, so that its older history is not read. One list: Graph.read_list.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})
CALL (c) {
  MATCH (s:Assessment {contact_id: c.id})
  WHERE s.at >= $since AND s.at <= $until AND s.toward = $us
  RETURN collect(s) AS within
}
CALL (c, within) {
  UNWIND [s IN within WHERE s.opportunity_id IS NOT NULL | s.opportunity_id] AS deal
  WITH DISTINCT deal
  MATCH (s:Assessment {opportunity_id: deal, contact_id: c.id})
  WHERE s.at < $since AND s.toward = $us
  RETURN collect(s) AS earlier
}
CALL (earlier, within) {
  UNWIND earlier + within AS s
  WITH s ORDER BY s.at, coalesce(s.entered_at, datetime({epochMillis: 0}))
  // Days as ISO strings (app.db.graph.iso_days): tens of thousands of them for the company.
  RETURN collect(s {at: toString(s.at), .opportunity_id, .closeness, .solution, .price, .veto,
                    .approver, .entered_by_employee}) AS history
}
RETURN collect({contact_id: c.id, account_id: c.account_id, name: c.name, history: history,
                general: {closeness: <<general c closeness>>, solution: <<general c solution>>,
                          price: <<general c price>>, veto: <<general c veto>>,
                          approver: <<general c approver>>}}) AS rows
