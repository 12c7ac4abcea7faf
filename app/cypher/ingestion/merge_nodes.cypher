// Template: <<label>> is a Kind. Properties set to null are removed (a newer document wins).
// ON CREATE / ON MATCH rather than a separate SET: no Eager operator, about twice the speed.
// $entered (who, when, from where) is set only when something changes: a re-import of the
// same values changes nothing, and its sender is not recorded as their author. It is set
// first, while the node still has its old values to compare with.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n:<<label>>, n += row.props, n += $entered
ON MATCH SET n += CASE WHEN any(k IN keys(row.props) WHERE NOT coalesce(
                    n[k] = row.props[k], n[k] IS NULL AND row.props[k] IS NULL))
                  THEN $entered ELSE {} END,
             n += row.props
