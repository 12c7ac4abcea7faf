// The key persons an employee personally influences on $as_of, anywhere: known by declaration
// or acquainted by activity (IN_TOUCH).
MATCH (:Employee {id: $employee_id})-[r:INFLUENCES|IN_TOUCH]->(c:Contact)
WHERE <<key_person c>>
  AND <<valid r>>
RETURN DISTINCT c.id AS contact_id
ORDER BY contact_id
LIMIT $limit
