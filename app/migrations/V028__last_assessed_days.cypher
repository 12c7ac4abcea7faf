// The last day we assessed each feature of a contact, in general or for a deal, and any feature
// at all: kept on the contact so that the review due list reads a scalar per feature instead of
// every assessment (reviews/due). Built once here; ingestion/merge_assessments keeps them.
MATCH (c:Contact)
WHERE EXISTS { (c)-[:HAS_ASSESSMENT]->(:Assessment {toward: 'us'}) }
CALL (c) {
  MATCH (c)-[:HAS_ASSESSMENT]->(a:Assessment {toward: 'us'})
  WITH c, max(a.at) AS any_day,
       max(CASE WHEN a.closeness IS NOT NULL THEN a.at END) AS closeness,
       max(CASE WHEN a.solution IS NOT NULL THEN a.at END) AS solution,
       max(CASE WHEN a.price IS NOT NULL THEN a.at END) AS price,
       max(CASE WHEN a.veto IS NOT NULL THEN a.at END) AS veto,
       max(CASE WHEN a.approver IS NOT NULL THEN a.at END) AS approver
  SET c.us_last_assessed = any_day, c.us_last_closeness = closeness,
      c.us_last_solution = solution, c.us_last_price = price, c.us_last_veto = veto,
      c.us_last_approver = approver
} IN TRANSACTIONS OF 5000 ROWS;
