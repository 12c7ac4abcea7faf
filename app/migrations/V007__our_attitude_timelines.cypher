// Timelines of our general assessments on each contact (see ingestion/merge_assessments),
// built once for contacts assessed before this version; imports keep them current.
MATCH (c:Contact)
CALL (c) {
  OPTIONAL MATCH (c)-[:HAS_ASSESSMENT]->(a:Assessment)
  WHERE a.toward = 'us' AND a.opportunity_id IS NULL
  WITH c, a ORDER BY a.at
  WITH c, collect(a) AS history
  SET c.us_closeness_at = [x IN history WHERE x.closeness IS NOT NULL | x.at],
      c.us_closeness = [x IN history WHERE x.closeness IS NOT NULL | x.closeness],
      c.us_solution_at = [x IN history WHERE x.solution IS NOT NULL | x.at],
      c.us_solution = [x IN history WHERE x.solution IS NOT NULL | x.solution],
      c.us_price_at = [x IN history WHERE x.price IS NOT NULL | x.at],
      c.us_price = [x IN history WHERE x.price IS NOT NULL | x.price],
      c.us_veto_at = [x IN history WHERE x.veto IS NOT NULL | x.at],
      c.us_veto = [x IN history WHERE x.veto IS NOT NULL | x.veto],
      c.us_approver_at = [x IN history WHERE x.approver IS NOT NULL | x.at],
      c.us_approver = [x IN history WHERE x.approver IS NOT NULL | x.approver]
} IN TRANSACTIONS OF 5000 ROWS;
