// Third parties (partners, design institutes, consultants): a per-kind anchor like every kind.
CREATE CONSTRAINT third_party_id IF NOT EXISTS FOR (n:ThirdParty) REQUIRE n.id IS UNIQUE;
