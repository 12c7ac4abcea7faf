// The key persons an employee personally influences on $as_of, anywhere.
MATCH (:Employee {id: $employee_id})-[r:INFLUENCES]->(c:Contact)
WHERE c.key_person = true
  AND (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until > $as_of)
RETURN DISTINCT c.id AS contact_id
ORDER BY contact_id
LIMIT $limit
