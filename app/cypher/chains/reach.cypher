// Per member as of $as_of: reachable (an employee influences them directly, or through one
// contact or third party who influences them; an employee acquainted by activity, IN_TOUCH,
// counts too) and the competitors whose staff influence them.
// One list: Graph.read_list.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})
WITH contact_id,
       EXISTS {
         MATCH (c)<-[r:INFLUENCES|IN_TOUCH]-(:Employee)
         WHERE <<valid r>>
           AND (r.opportunity_id IS NULL OR r.opportunity_id = $opportunity_id)
       } OR EXISTS {
         MATCH (c)<-[r2:INFLUENCES]-(:Contact|ThirdParty)<-[r1:INFLUENCES|IN_TOUCH]-(:Employee)
         WHERE <<valid r1>>
           AND <<valid r2>>
           AND (r1.opportunity_id IS NULL OR r1.opportunity_id = $opportunity_id)
           AND (r2.opportunity_id IS NULL OR r2.opportunity_id = $opportunity_id)
       } AS reachable,
       COLLECT {
         MATCH (c)<-[r:INFLUENCES]-(:CompetitorStaff)-[w:WORKS_FOR]->(k:Competitor)
         WHERE <<valid r>>
           AND <<valid w>>
           AND (r.opportunity_id IS NULL OR r.opportunity_id = $opportunity_id)
         RETURN DISTINCT k.id
       } AS held_by_staff_of
RETURN collect({contact_id: contact_id, reachable: reachable, held_by_staff_of: held_by_staff_of}) AS rows
