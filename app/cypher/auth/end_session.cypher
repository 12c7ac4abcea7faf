// Sign-out: the session is gone; expired sessions of the principal go with it.
MATCH (s:Session {id_hash: $id_hash})
WITH s.principal_id AS principal_id, s
DELETE s
WITH principal_id
MATCH (old:Session {principal_id: principal_id})
WHERE old.expires_at <= datetime()
DELETE old
