// Contacts that the competitor's staff influence on $as_of.
MATCH (:Competitor {id: $id})<-[:WORKS_FOR]-(s:CompetitorStaff)-[r:INFLUENCES]->(c:Contact)
WHERE c.id IN $contact_ids
  AND <<valid r>>
RETURN c.id AS contact_id, collect(DISTINCT s.id) AS staff_ids
