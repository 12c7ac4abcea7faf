// Of these deals, those whose state may differ between the day before $since and $until: only
// they are compared (app/changes/service.py). A deal's members, attitudes, coverage and who
// reaches each member within three hops move only with a dated record in the period: an edge
// of its decision chain that began or ended; or, around a member (within two influence or
// reporting steps, either way: the rest of a path of three hops), an influence or reporting
// edge or an acquaintance by activity (IN_TOUCH) that began or ended, or an assessment made.
// A deal made in the period is compared too.
// One list.
UNWIND $opportunity_ids AS opportunity_id
MATCH (o:Opportunity {id: opportunity_id})
WHERE (o.created_at >= $since AND o.created_at <= $until)
   OR EXISTS {
        MATCH (o)<-[r:IN_DECISION_CHAIN]-(:Contact)
        WHERE (r.since >= $since AND r.since <= $until) OR (r.until >= $since AND r.until <= $until)
      }
   OR EXISTS {
        MATCH (o)<-[c:IN_DECISION_CHAIN]-(:Contact)-[:INFLUENCES|REPORTS_TO]-{0,2}(n:Contact)
        WHERE (c.since IS NULL OR c.since <= $until) AND (c.until IS NULL OR c.until >= $since)
          AND (EXISTS {
                 MATCH (n)-[r:INFLUENCES|REPORTS_TO|IN_TOUCH]-()
                 WHERE (r.since >= $since AND r.since <= $until)
                    OR (r.until >= $since AND r.until <= $until)
               }
               OR EXISTS {
                 MATCH (n)-[:HAS_ASSESSMENT]->(a:Assessment)
                 WHERE a.at >= $since AND a.at <= $until
               })
      }
RETURN collect(opportunity_id) AS opportunity_ids
