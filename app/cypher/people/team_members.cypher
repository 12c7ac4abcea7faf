// Members of a team as of $as_of, the lead included (a team that does not exist gives no row).
MATCH (t:Team {id: $team_id})
RETURN t.id AS team_id, COLLECT {
  MATCH (t)<-[m:MEMBER_OF]-(e:Employee)
  WHERE <<valid m>>
  RETURN e.id
  UNION
  MATCH (t)-[l:LED_BY]->(e:Employee)
  WHERE <<valid l>>
  RETURN e.id
} AS employee_ids
