// Template: <<rel_type>> is a RelType. An edge is identified by type, ends, deal and start date,
// so re-importing it changes nothing and a relationship that restarts is a new edge. $entered
// is set when something changes (see merge_nodes).
// One relationship (type, ends, deal) holds once on any day:
// - an edge sent with a start date on which a stored one of the same relationship holds is
//   its next version: the stored one ends that day (`ended_*` say who ended it, as
//   ingestion/end_relationship does); unless the two say the same (strength, role, note),
//   when the stored one goes on, to the `until` sent, and none is added (a sync that sends
//   each day what holds, dated that day, adds nothing);
// - an edge sent that would hold past the start of a stored later version ends there (so that
//   a document of several versions reads the same whatever their order, imported again).
// An edge whose `until` is its `since` held on no day (taken back: ingestion/end_relationship):
// stored, it is no version the others end at or before; sent, it ends none.
// Row by row (CALL): each sees the versions the rows before it wrote.
UNWIND $rows AS row
CALL (row) {
  MATCH (a:Entity {id: row.from})
  MATCH (b:Entity {id: row.to})
  OPTIONAL MATCH (a)-[other:<<rel_type>>]->(b)
  WHERE other.key <> row.key
    AND coalesce(other.opportunity_id, '') = coalesce(row.props.opportunity_id, '')
    AND NOT coalesce(other.since = other.until, false)
  WITH a, b, row, collect(other) AS others
  WITH a, b, row,
       [x IN others WHERE row.props.since IS NOT NULL
                          AND NOT coalesce(row.props.until = row.props.since, false)
                          AND (x.since IS NULL OR x.since < row.props.since)
                          AND (x.until IS NULL OR x.until > row.props.since)] AS holding,
       reduce(first = null, x IN others |
              CASE WHEN x.since IS NOT NULL
                        AND (row.props.since IS NULL OR x.since > row.props.since)
                        AND (first IS NULL OR x.since < first) THEN x.since ELSE first END)
         AS next_start
  WITH a, b, row, holding,
       [x IN holding WHERE all(k IN ['strength', 'role', 'note']
                               WHERE coalesce(x[k] = row.props[k],
                                              x[k] IS NULL AND row.props[k] IS NULL))] AS same,
       CASE WHEN next_start IS NOT NULL
                 AND (row.props.until IS NULL OR row.props.until > next_start)
            THEN next_start ELSE row.props.until END AS until
  FOREACH (x IN [y IN holding WHERE NOT y IN same] |
    SET x.until = row.props.since, x.ended_by_principal = $entered.entered_by_principal,
        x.ended_by_employee = $entered.entered_by_employee, x.ended_at = $entered.entered_at,
        x.ended_source = $entered.source)
  FOREACH (x IN [y IN same WHERE NOT coalesce(y.until = until, y.until IS NULL AND until IS NULL)] |
    SET x.until = until, x += $entered, x.ended_by_principal = null, x.ended_by_employee = null,
        x.ended_at = null, x.ended_source = null)
  WITH a, b, row, row.props AS sent, until, same
  WHERE size(same) = 0
  WITH a, b, row, sent {.*, until: until} AS props
  MERGE (a)-[r:<<rel_type>> {key: row.key}]->(b)
  ON CREATE SET r += props, r += $entered
  ON MATCH SET r += CASE WHEN any(k IN keys(props) WHERE NOT coalesce(
                      r[k] = props[k], r[k] IS NULL AND props[k] IS NULL))
                    THEN $entered ELSE {} END,
               // An end sent again otherwise (or none: a line taken back, sent again) is no
               // longer the end someone made.
               r += CASE WHEN coalesce(r.until = props.until, r.until IS NULL AND props.until IS NULL)
                    THEN {} ELSE {ended_by_principal: null, ended_by_employee: null, ended_at: null,
                                  ended_source: null} END,
               r += props
}
