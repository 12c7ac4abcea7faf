// Each person's addresses ($rows: id, emails as {key, address, kind}) linked where missing.
// CREATE, not MERGE: an address another person still has breaks the key's uniqueness
// constraint (V017) and the whole transaction with it, rather than giving two people one
// address when two writes race past validation.
UNWIND $rows AS row
MATCH (p:Entity {id: row.id})
UNWIND row.emails AS email
WITH p, email
WHERE NOT EXISTS { (p)-[:HAS_EMAIL]->(:EmailAddress {key: email.key}) }
CREATE (p)-[:HAS_EMAIL]->(:EmailAddress {key: email.key, address: email.address,
                                          kind: email.kind})
