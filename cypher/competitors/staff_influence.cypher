// Contacts that the competitor's staff influence on $as_of.
MATCH (:Competitor {id: $id})<-[:WORKS_FOR]-(s:CompetitorStaff)-[r:INFLUENCES]->(c:Contact)
WHERE c.id IN $contact_ids
  AND (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until > $as_of)
RETURN c.id AS contact_id, collect(DISTINCT s.id) AS staff_ids
