// Dated exchange rates: one node per (currency, date); sending it again updates the rate, and
// $entered only when something changes (see merge_nodes).
UNWIND $rows AS row
MERGE (r:ExchangeRate {currency: row.currency, at: row.at})
ON CREATE SET r += row.props, r += $entered
ON MATCH SET r += CASE WHEN any(k IN keys(row.props) WHERE NOT coalesce(
                    r[k] = row.props[k], r[k] IS NULL AND row.props[k] IS NULL))
                  THEN $entered ELSE {} END,
             r += row.props
