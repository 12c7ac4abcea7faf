// Nodes whose search key (app/search/keys.py: name, title, department, a Chinese name's pinyin
// and initials, normalised) contains $key, through the text indexes on it, or whose id is
// $text; limited to what the viewer may see: $accounts / $employees null means everything.
CALL () {
  MATCH (n:Contact) WHERE ($key <> '' AND n.search CONTAINS $key) OR n.id = $text
  RETURN n, 'Contact' AS kind, n.account_id AS account_id
  UNION ALL
  MATCH (n:Account) WHERE ($key <> '' AND n.search CONTAINS $key) OR n.id = $text
  RETURN n, 'Account' AS kind, n.id AS account_id
  UNION ALL
  MATCH (n:Opportunity) WHERE ($key <> '' AND n.search CONTAINS $key) OR n.id = $text
  RETURN n, 'Opportunity' AS kind, n.account_id AS account_id
  UNION ALL
  MATCH (n:Employee) WHERE ($key <> '' AND n.search CONTAINS $key) OR n.id = $text
  RETURN n, 'Employee' AS kind, null AS account_id
}
WITH n, kind, account_id
WHERE kind IN $kinds
  AND (kind = 'Employee' OR $accounts IS NULL OR account_id IN $accounts)
  AND (kind <> 'Employee' OR $employees IS NULL OR n.id IN $employees)
RETURN n.id AS id, kind, n.name AS name, n.title AS title, account_id,
       coalesce(n.key_person, false) AS key_person
ORDER BY n.id = $text DESC, size(n.name), n.id
LIMIT $limit
