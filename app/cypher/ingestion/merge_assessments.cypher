// Append-only history: one node per (contact, date, perspective, deal, principal who entered
// it); a re-import updates it, and $entered only when something changes (see merge_nodes).
// The edge is created only for a new assessment (cheaper than MERGE, no Eager operator).
// Each touched contact then gets what is derived from our assessments of it rebuilt
// (ingestion/our_assessment_days), in the same transaction, so they never disagree.
UNWIND $rows AS row
MATCH (c:Contact {id: row.contact_id})
MERGE (a:Assessment {key: row.key})
ON CREATE SET a += row.props, a += $entered
ON MATCH SET a += CASE WHEN any(k IN keys(row.props) WHERE NOT coalesce(
                    a[k] = row.props[k], a[k] IS NULL AND row.props[k] IS NULL))
                  THEN $entered ELSE {} END,
             a += row.props
WITH c, a
CALL (c, a) {
  WITH c, a
  WHERE NOT (c)-[:HAS_ASSESSMENT]->(a)
  CREATE (c)-[:HAS_ASSESSMENT]->(a)
}
WITH collect(DISTINCT c.id) AS contact_ids
CALL (contact_ids) {
<<include ingestion/our_assessment_days with contact_ids>>
}
