// The audit log, newest first: events at or after $since and before $before (either null: no
// bound), of $employee_id's principal (null: anyone's).
MATCH (a:AuditEvent)
WHERE ($since IS NULL OR a.at >= $since) AND ($before IS NULL OR a.at < $before)
  AND ($employee_id IS NULL OR a.employee_id = $employee_id)
RETURN toString(a.at) AS at, a.principal_id AS principal_id, a.role AS role,
       a.employee_id AS employee_id, a.action AS action, a.subject AS subject
ORDER BY a.at DESC
LIMIT $limit
