// Latest known value of each assessed feature per contact and perspective, as of $as_of.
// For a deal, its own assessments win over general ones; other deals' are ignored. Of two on
// the same day, the one entered later wins.
// One list, not a record per row: read with Graph.read_list.
UNWIND $contact_ids AS contact_id
MATCH (:Contact {id: contact_id})-[:HAS_ASSESSMENT]->(a:Assessment)
WHERE a.at <= $as_of AND a.toward IN $towards
  AND (a.opportunity_id IS NULL OR a.opportunity_id = $opportunity_id)
WITH contact_id, a
ORDER BY a.opportunity_id IS NULL, a.at DESC, coalesce(a.entered_at, datetime({epochMillis: 0})) DESC
WITH contact_id, a.toward AS toward, collect(a) AS history
RETURN collect({
  contact_id: contact_id, toward: toward,
  closeness: [x IN history WHERE x.closeness IS NOT NULL][0].closeness,
  solution: [x IN history WHERE x.solution IS NOT NULL][0].solution,
  price: [x IN history WHERE x.price IS NOT NULL][0].price,
  veto: [x IN history WHERE x.veto IS NOT NULL][0].veto,
  approver: [x IN history WHERE x.approver IS NOT NULL][0].approver
}) AS rows
