// The accounts whose change events the writes of these outbox marks ($mark_ids) may move: the
// accounts and deals written, the accounts of the contacts written, and those of the contacts
// within two influence or reporting steps of them (a colleague's new or ended edge changes who
// reaches a member, within the default three hops of a path). At most $limit. One list.
MATCH (mark:OutboxMark)
WHERE mark.id IN $mark_ids
UNWIND mark.ids AS id
WITH DISTINCT id
MATCH (n:Entity {id: id})
CALL (n) {
  WITH n WHERE n:Account
  RETURN n.id AS account_id
  UNION
  WITH n WHERE n:Opportunity
  RETURN n.account_id AS account_id
  UNION
  WITH n WHERE n:Contact
  MATCH (n)-[:INFLUENCES|REPORTS_TO*0..2]-(m:Contact)
  RETURN m.account_id AS account_id
}
WITH DISTINCT account_id
WHERE account_id IS NOT NULL
WITH account_id ORDER BY account_id
LIMIT $limit
RETURN collect(account_id) AS account_ids
