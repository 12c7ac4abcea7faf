// Members of a team as of $as_of, the lead included (a team that does not exist gives no row).
MATCH (t:Team {id: $team_id})
RETURN t.id AS team_id, COLLECT {
  MATCH (t)<-[m:MEMBER_OF]-(e:Employee)
  WHERE (m.since IS NULL OR m.since <= $as_of) AND (m.until IS NULL OR m.until > $as_of)
  RETURN e.id
  UNION
  MATCH (t)-[l:LED_BY]->(e:Employee)
  WHERE (l.since IS NULL OR l.since <= $as_of) AND (l.until IS NULL OR l.until > $as_of)
  RETURN e.id
} AS employee_ids
