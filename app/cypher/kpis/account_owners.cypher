// The names of these accounts and who OWNS them on $as_of: for the few a list shows.
UNWIND $account_ids AS account_id
MATCH (a:Account {id: account_id})
RETURN a.id AS account_id, a.name AS name, COLLECT {
  MATCH (a)<-[r:OWNS]-(e:Employee)
  WHERE <<valid r>>
  RETURN e.id ORDER BY e.id
} AS owner_ids
