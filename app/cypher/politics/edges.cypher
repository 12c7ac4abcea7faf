// The political map among these people on $as_of: influence and reporting lines (general ones).
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})-[r:INFLUENCES|REPORTS_TO]->(d:Contact)
WHERE d.id IN $contact_ids AND r.opportunity_id IS NULL
  AND <<valid r>>
RETURN c.id AS from, d.id AS to, type(r) AS type, r.strength AS strength, r.since AS since
LIMIT $max_edges
