// Tries of a username no active principal has are counted as a principal's are, on a node of
// their own keyed by a digest of the username under the server's key (auth/password_subject,
// app/auth/references.py fingerprint): an unknown username is
// slowed and locked alike, so that the answers do not tell which usernames exist. A row of
// tries forgotten after a quiet day is deleted by a later try of another unknown username,
// found by its last try.
CREATE CONSTRAINT sign_in_tries_key IF NOT EXISTS FOR (t:SignInTries) REQUIRE t.key IS UNIQUE;
CREATE INDEX sign_in_tries_last_try IF NOT EXISTS FOR (t:SignInTries) ON (t.last_try);
CALL db.awaitIndexes(600);
