// API principals (tokens stored hashed), introduction requests and the audit log.
CREATE CONSTRAINT principal_id IF NOT EXISTS FOR (p:Principal) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT principal_token IF NOT EXISTS FOR (p:Principal) REQUIRE p.token_hash IS UNIQUE;
CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (i:Introduction) REQUIRE i.id IS UNIQUE;
CREATE INDEX introduction_requester IF NOT EXISTS FOR (i:Introduction) ON (i.requester_id);
CREATE INDEX introduction_colleague IF NOT EXISTS FOR (i:Introduction) ON (i.colleague_id);
CREATE INDEX audit_at IF NOT EXISTS FOR (a:AuditEvent) ON (a.at);
