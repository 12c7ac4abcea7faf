// Template: <<label>> is a Kind. Properties set to null are removed (a newer document wins).
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:<<label>>
SET n += row.props
