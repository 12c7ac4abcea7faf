// A contact's assessments up to $as_of, newest first: how the seven features came to be.
MATCH (:Contact {id: $id})-[:HAS_ASSESSMENT]->(a:Assessment)
WHERE a.at <= $as_of
RETURN a.at AS at, a.toward AS toward, a.opportunity_id AS opportunity_id,
       a.closeness AS closeness, a.solution AS solution, a.price AS price,
       a.veto AS veto, a.approver AS approver
ORDER BY at DESC, toward, opportunity_id
LIMIT $limit
