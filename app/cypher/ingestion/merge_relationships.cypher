// Template: <<rel_type>> is a RelType. An edge is identified by type, ends, deal and start date,
// so re-importing it changes nothing and a relationship that restarts is a new edge. $entered
// is set when something changes (see merge_nodes).
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:<<rel_type>> {key: row.key}]->(b)
ON CREATE SET r += row.props, r += $entered
ON MATCH SET r += CASE WHEN any(k IN keys(row.props) WHERE NOT coalesce(
                    r[k] = row.props[k], r[k] IS NULL AND row.props[k] IS NULL))
                  THEN $entered ELSE {} END,
             r += row.props
