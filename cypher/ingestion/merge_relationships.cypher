// Template: <<rel_type>> is a RelType. An edge is identified by type, ends, deal and start date,
// so re-importing it changes nothing and a relationship that restarts is a new edge.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:<<rel_type>> {key: row.key}]->(b)
ON CREATE SET r += row.props
ON MATCH SET r += row.props
