// Accounts the employees own on $as_of.
UNWIND $owner_ids AS owner_id
MATCH (:Employee {id: owner_id})-[r:OWNS]->(a:Account)
WHERE <<valid r>>
RETURN collect(DISTINCT a.id) AS account_ids
