// Accounts the employees own on $as_of.
UNWIND $owner_ids AS owner_id
MATCH (:Employee {id: owner_id})-[r:OWNS]->(a:Account)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until > $as_of)
RETURN collect(DISTINCT a.id) AS account_ids
