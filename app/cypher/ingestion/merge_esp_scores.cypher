// Dated ESP+ evaluations: one node per (account, date); sending it again updates it (a score
// sent as null is removed), and $entered only when something changes (see merge_nodes). The
// edge is created only for a new evaluation.
UNWIND $rows AS row
MATCH (a:Account {id: row.account_id})
MERGE (s:EspScore {key: row.key})
ON CREATE SET s += row.props, s += $entered
ON MATCH SET s += CASE WHEN any(k IN keys(row.props) WHERE NOT coalesce(
                    s[k] = row.props[k], s[k] IS NULL AND row.props[k] IS NULL))
                  THEN $entered ELSE {} END,
             s += row.props
WITH a, s
CALL (a, s) {
  WITH a, s
  WHERE NOT (a)-[:HAS_ESP_SCORE]->(s)
  CREATE (a)-[:HAS_ESP_SCORE]->(s)
}
