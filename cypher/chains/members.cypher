// Decision-chain members as of $as_of with their latest role on this deal.
// One list: Graph.read_list.
// The hint keeps the planner from scanning the id index to get an order it does not need.
MATCH (o:Opportunity {id: $id})<-[r:IN_DECISION_CHAIN]-(c:Contact)
USING INDEX o:Opportunity(id)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until > $as_of)
WITH c, r ORDER BY r.since DESC
WITH c, collect(r.role)[0] AS role
WITH c.id AS contact_id, role
ORDER BY contact_id
LIMIT $limit
RETURN collect({contact_id: contact_id, role: role}) AS rows
