// Key persons of any account today whom an employee may say they know (全员摸底): those whose
// search key (name, title, department, pinyin) contains $key, and the key persons of the
// accounts whose key contains it; each with its account and the employee's ($me) current
// general acquaintance with them, if any. At most $scan looked at, $limit answered.
CALL () {
  MATCH (c:Contact) WHERE c.search CONTAINS $key AND c.key_person
  RETURN c LIMIT $scan
  UNION
  MATCH (a:Account) WHERE a.search CONTAINS $key
  WITH a LIMIT $scan
  MATCH (c:Contact)-[w:WORKS_AT]->(a)
  WHERE c.key_person AND <<valid w>>
  RETURN c LIMIT $scan
}
WITH DISTINCT c LIMIT $scan
MATCH (c)-[w:WORKS_AT]->(a:Account)
WHERE <<valid w>>
OPTIONAL CALL (c) {
  MATCH (:Employee {id: $me})-[k:INFLUENCES]->(c)
  WHERE k.opportunity_id IS NULL AND <<valid k>>
  RETURN k ORDER BY k.strength DESC LIMIT 1
}
RETURN c.id AS contact_id, c.name AS name, c.title AS title, a.id AS account_id,
       a.name AS account_name, k.strength AS known_strength, k.since AS known_since,
       k.note AS known_note
ORDER BY k IS NULL, size(c.name), c.name, c.id
LIMIT $limit
