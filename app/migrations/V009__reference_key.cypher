// The one node holding the key of colleague references (cypher/auth/reference_key.cypher).
CREATE CONSTRAINT reference_key_id IF NOT EXISTS FOR (k:ReferenceKey) REQUIRE k.id IS UNIQUE;
