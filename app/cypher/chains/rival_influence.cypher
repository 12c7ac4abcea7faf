// Competitor staff influencing these decision-chain members on $as_of (as in competitor_held),
// each with the rival they worked for then.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})<-[r:INFLUENCES]-(s:CompetitorStaff)-[w:WORKS_FOR]->(k:Competitor)
WHERE (r.opportunity_id IS NULL OR r.opportunity_id = $opportunity_id)
  AND <<valid r>>
  AND <<valid w>>
RETURN k.id AS competitor_id, k.name AS competitor_name, s.id AS staff_id, s.name AS staff_name,
       c.id AS contact_id, r.strength AS strength
ORDER BY competitor_id, staff_id, contact_id
LIMIT $max_edges
