// The account, its owners on $as_of, and its key persons on that date.
MATCH (a:Account {id: $id})
RETURN a {.id, .name, .industry, .region, .focus} AS account,
       COLLECT {
         MATCH (a)<-[r:OWNS]-(e:Employee)
         WHERE <<valid r>>
         RETURN e.id ORDER BY e.id
       } AS owner_ids,
       COLLECT {
         MATCH (a)<-[w:WORKS_AT]-(c:Contact)
         WHERE <<key_person c>>
           AND <<valid w>>
         RETURN DISTINCT c.id ORDER BY c.id
       } AS key_person_ids,
       COLLECT {
         MATCH (o:Opportunity {account_id: a.id})
         WHERE o.focus = true AND (o.created_at IS NULL OR o.created_at <= $as_of)
           AND (o.status = 'open' OR o.closed_at > $as_of)
         RETURN o.id ORDER BY o.id
       } AS focus_opportunity_ids
