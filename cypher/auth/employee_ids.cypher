MATCH (e:Employee)
RETURN e.id AS id
LIMIT $limit
