// Third parties (partners, design institutes, consultants) influencing these people on $as_of:
// general lines, and those of $opportunity_id when a deal is given (the decision map; the
// political map gives none). One row per line.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})<-[r:INFLUENCES]-(p:ThirdParty)
WHERE (r.opportunity_id IS NULL OR r.opportunity_id = $opportunity_id)
  AND <<valid r>>
RETURN p.id AS third_party_id, p.name AS third_party_name, p.category AS category,
       p.title AS title, c.id AS contact_id, r.strength AS strength,
       r.opportunity_id IS NOT NULL AS deal_specific
ORDER BY third_party_id, contact_id
LIMIT $max_edges
