// The deal as of $as_of: its competitors, and its decision-chain members (at most $limit, by
// id) with their latest role on it. One query, so a chain costs one round trip before the rest.
MATCH (o:Opportunity {id: $opportunity_id})
RETURN o {.id, .name, .account_id, .amount, .currency, .stage, .status, .focus,
          open: (o.created_at IS NULL OR o.created_at <= $as_of)
                AND (o.status = 'open' OR o.closed_at > $as_of)} AS opportunity,
       COLLECT {
         MATCH (k:Competitor)-[r:COMPETES_ON]->(o)
         WHERE <<valid r>>
         RETURN DISTINCT k.id ORDER BY k.id
       } AS competitor_ids,
       COLLECT {
         MATCH (o)<-[r:IN_DECISION_CHAIN]-(c:Contact)
         WHERE <<valid r>>
         WITH c, r ORDER BY r.since DESC
         WITH c.id AS contact_id, collect(r.role)[0] AS role
         RETURN {contact_id: contact_id, role: role} AS member ORDER BY contact_id LIMIT $limit
       } AS members
