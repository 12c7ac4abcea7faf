// Nodes whose name contains $text (text indexes) or whose id is $text, limited to what the viewer
// may see: $accounts / $employees null means everything.
CALL () {
  MATCH (n:Contact) WHERE n.name CONTAINS $text OR n.id = $text
  RETURN n, 'Contact' AS kind, n.account_id AS account_id
  UNION ALL
  MATCH (n:Account) WHERE n.name CONTAINS $text OR n.id = $text
  RETURN n, 'Account' AS kind, n.id AS account_id
  UNION ALL
  MATCH (n:Opportunity) WHERE n.name CONTAINS $text OR n.id = $text
  RETURN n, 'Opportunity' AS kind, n.account_id AS account_id
  UNION ALL
  MATCH (n:Employee) WHERE n.name CONTAINS $text OR n.id = $text
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
