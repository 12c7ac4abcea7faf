// The deal and the competitors in it as of $as_of.
MATCH (o:Opportunity {id: $id})
RETURN o {.id, .name, .account_id, .amount, .currency, .stage, .status, .focus} AS opportunity,
       COLLECT {
         MATCH (k:Competitor)-[r:COMPETES_ON]->(o)
         WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until > $as_of)
         RETURN DISTINCT k.id ORDER BY k.id
       } AS competitor_ids
