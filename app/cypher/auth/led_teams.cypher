// Teams the employee leads on $as_of.
MATCH (t:Team)-[l:LED_BY]->(:Employee {id: $employee_id})
WHERE <<valid l>>
RETURN t.id AS team_id
ORDER BY team_id
