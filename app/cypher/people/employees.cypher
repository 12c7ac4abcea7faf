// Names and current teams of employees as of $as_of.
UNWIND $employee_ids AS employee_id
MATCH (e:Employee {id: employee_id})
OPTIONAL MATCH (e)-[m:MEMBER_OF]->(t:Team)
WHERE <<valid m>>
RETURN e.id AS employee_id, e.name AS name, collect(t.id)[0] AS team_id
