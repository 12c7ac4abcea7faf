// People sign in with a username and password (app/auth/sessions.py): one principal per
// username; sessions found by the hash of their cookie.
CREATE CONSTRAINT principal_username IF NOT EXISTS FOR (p:Principal) REQUIRE p.username IS UNIQUE;
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (s:Session) REQUIRE s.id_hash IS UNIQUE;
CREATE INDEX session_principal IF NOT EXISTS FOR (s:Session) ON (s.principal_id);
