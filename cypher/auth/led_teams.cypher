// Teams the employee leads on $as_of.
MATCH (t:Team)-[l:LED_BY]->(:Employee {id: $employee_id})
WHERE (l.since IS NULL OR l.since <= $as_of) AND (l.until IS NULL OR l.until > $as_of)
RETURN t.id AS team_id
ORDER BY team_id
