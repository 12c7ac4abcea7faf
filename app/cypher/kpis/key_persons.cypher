// Key persons working at the accounts on $as_of; acquainted (相识) when any employee
// INFLUENCES them on that date.
// Anchored on each account (the hint): the key_person index would read every key person.
// One list: Graph.read_list.
UNWIND $account_ids AS account_id
MATCH (a:Account {id: account_id})<-[w:WORKS_AT]-(c:Contact)
USING INDEX a:Account(id)
WHERE c.key_person = true
  AND <<valid w>>
WITH DISTINCT c, account_id
// In a fixed order (accounts come by id): lists show the first key persons of a bucket.
ORDER BY account_id, c.id
RETURN collect({
  contact_id: c.id, account_id: account_id,
  acquainted: EXISTS {
    MATCH (c)<-[r:INFLUENCES]-(:Employee)
    WHERE <<valid r>>
  }
}) AS rows
