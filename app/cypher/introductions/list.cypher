// Introductions an employee asked for ($direction 'outgoing'), was asked for ('incoming') or
// both (null); every introduction for $employee_id null. With the names of the requester, the
// contact and the deal, which both parties may know.
MATCH (i:Introduction)
WHERE $employee_id IS NULL
   OR ($direction IS NULL AND (i.requester_id = $employee_id OR i.colleague_id = $employee_id))
   OR ($direction = 'outgoing' AND i.requester_id = $employee_id)
   OR ($direction = 'incoming' AND i.colleague_id = $employee_id)
OPTIONAL MATCH (r:Employee {id: i.requester_id})
OPTIONAL MATCH (c:Contact {id: i.contact_id})
OPTIONAL MATCH (o:Opportunity {id: i.opportunity_id})
RETURN i {.*, created_at: toString(i.created_at), updated_at: toString(i.updated_at),
          requester_name: r.name, contact_name: c.name,
          opportunity_name: o.name} AS introduction
ORDER BY i.created_at DESC
LIMIT $limit
