// Contacts that the competitor's staff (working for it on $as_of) influence on $as_of.
MATCH (:Competitor {id: $id})<-[w:WORKS_FOR]-(s:CompetitorStaff)-[r:INFLUENCES]->(c:Contact)
WHERE c.id IN $contact_ids
  AND <<valid r>>
  AND <<valid w>>
RETURN c.id AS contact_id, collect(DISTINCT s.id) AS staff_ids
