// The active principal of an unexpired session, with the session's CSRF token hash.
MATCH (s:Session {id_hash: $id_hash})
WHERE s.expires_at > datetime()
MATCH (p:Principal {id: s.principal_id})
WHERE p.revoked_at IS NULL
RETURN p {.id, .role, .employee_id, .scopes, .can_write, .must_change_password} AS principal,
       s.csrf_hash AS csrf_hash
