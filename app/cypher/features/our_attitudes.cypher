// features/attitudes for our own view (toward $us), from the timelines of our general
// assessments kept on each contact: the last known value per feature on or before $as_of,
// without reading the general assessments (56k key persons at 1x: 0.9 s instead of 2.0 s).
// With $opportunity_id, that deal's own assessments of the contact (a few, read here) win
// feature by feature, the latest first, of two on one day the one entered later, as in
// features/attitudes (found by the assessment_deal_contact index). One list: Graph.read_list.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})
WITH contact_id, c, $opportunity_id AS own_deal
CALL (contact_id, own_deal) {
  OPTIONAL MATCH (a:Assessment {opportunity_id: own_deal, contact_id: contact_id})
  WHERE a.toward = $us AND a.at <= $as_of
  WITH a ORDER BY a.at DESC, coalesce(a.entered_at, datetime({epochMillis: 0})) DESC
  RETURN collect(a) AS own
}
WITH contact_id, {
  contact_id: contact_id, toward: $us,
  closeness: coalesce([x IN own WHERE x.closeness IS NOT NULL][0].closeness,
                      <<general c closeness>>),
  solution: coalesce([x IN own WHERE x.solution IS NOT NULL][0].solution,
                     <<general c solution>>),
  price: coalesce([x IN own WHERE x.price IS NOT NULL][0].price, <<general c price>>),
  veto: coalesce([x IN own WHERE x.veto IS NOT NULL][0].veto, <<general c veto>>),
  approver: coalesce([x IN own WHERE x.approver IS NOT NULL][0].approver,
                     <<general c approver>>)
} AS view
WHERE view.closeness IS NOT NULL OR view.solution IS NOT NULL OR view.price IS NOT NULL
   OR view.veto IS NOT NULL OR view.approver IS NOT NULL
RETURN collect(view) AS rows
