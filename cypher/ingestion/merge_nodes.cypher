// Template: <<label>> is a Kind. Properties set to null are removed (a newer document wins).
// ON CREATE / ON MATCH rather than a separate SET: no Eager operator, about twice the speed.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n:<<label>>, n += row.props
ON MATCH SET n += row.props
