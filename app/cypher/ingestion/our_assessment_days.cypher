// What is derived from our ($us) assessments of each contact of $contact_ids, rebuilt from its
// assessments: the timelines of our general assessments, per feature the dates (ascending)
// with a known value and those values (features/our_attitudes reads them; V007 built them for
// data imported before), and the last day we assessed each feature in general or for a deal,
// and any feature at all (reviews/due reads them; V028 built them). Run by every write of
// assessments (ingestion/merge_assessments) and by `brm rebuild-kpis`.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})
CALL (c) {
  // Writing first takes the contact's lock, so a concurrent batch that adds assessments to it
  // has committed before its history is read here (else the later commit could lose them).
  SET c.us_closeness_at = []
  WITH c
  OPTIONAL MATCH (c)-[:HAS_ASSESSMENT]->(a:Assessment)
  WHERE a.toward = $us
  WITH c, a ORDER BY a.at, coalesce(a.entered_at, datetime({epochMillis: 0}))
  WITH c, collect(a) AS every
  WITH c, every, [x IN every WHERE x.opportunity_id IS NULL] AS history
  // In order of day: the last of a list is its latest (null when empty, which removes it).
  SET c.us_last_assessed = every[-1].at,
      c.us_last_closeness = [x IN every WHERE x.closeness IS NOT NULL | x.at][-1],
      c.us_last_solution = [x IN every WHERE x.solution IS NOT NULL | x.at][-1],
      c.us_last_price = [x IN every WHERE x.price IS NOT NULL | x.at][-1],
      c.us_last_veto = [x IN every WHERE x.veto IS NOT NULL | x.at][-1],
      c.us_last_approver = [x IN every WHERE x.approver IS NOT NULL | x.at][-1],
      c.us_closeness_at = [x IN history WHERE x.closeness IS NOT NULL | x.at],
      c.us_closeness = [x IN history WHERE x.closeness IS NOT NULL | x.closeness],
      c.us_solution_at = [x IN history WHERE x.solution IS NOT NULL | x.at],
      c.us_solution = [x IN history WHERE x.solution IS NOT NULL | x.solution],
      c.us_price_at = [x IN history WHERE x.price IS NOT NULL | x.at],
      c.us_price = [x IN history WHERE x.price IS NOT NULL | x.price],
      c.us_veto_at = [x IN history WHERE x.veto IS NOT NULL | x.at],
      c.us_veto = [x IN history WHERE x.veto IS NOT NULL | x.veto],
      c.us_approver_at = [x IN history WHERE x.approver IS NOT NULL | x.at],
      c.us_approver = [x IN history WHERE x.approver IS NOT NULL | x.approver]
}
