// Reporting and influence lines among a deal's decision-chain members on $as_of: general lines
// and this deal's own (a project can restructure who reports to or influences whom).
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})-[r:INFLUENCES|REPORTS_TO]->(d:Contact)
WHERE d.id IN $contact_ids
  AND (r.opportunity_id IS NULL OR r.opportunity_id = $opportunity_id)
  AND <<valid r>>
RETURN c.id AS from, d.id AS to, type(r) AS type, r.strength AS strength,
       r.opportunity_id IS NOT NULL AS deal_specific
LIMIT $max_edges
