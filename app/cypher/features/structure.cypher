// What is known of each contact's place in the graph as of $as_of: the account they worked at
// then (their WORKS_AT edge on the date, not the current account_id; null when none), reporting
// line, incoming influence, and the number of recent activities (for the contact level) and, with
// $opportunity_id, of those about that deal; with the contact's stored behaviour orientation
// and importance.
// One list: Graph.read_list.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})
WITH c.id AS contact_id, c.name AS name, c.title AS title, c.department AS department,
       // Edges that overlap (entered so) give the one begun last.
       COLLECT {
         MATCH (c)-[w:WORKS_AT]->(a:Account)
         WHERE <<valid w>>
         RETURN a.id ORDER BY coalesce(w.since, date('0001-01-01')) DESC, a.id LIMIT 1
       }[0] AS account_id, <<key_person c>> AS key_person,
       c.behavior AS behavior, c.importance AS importance, c.importance_at AS importance_at,
       coalesce(c.top_of_hierarchy, false) OR EXISTS {
         MATCH (c)-[r:REPORTS_TO]->(:Contact)
         WHERE <<valid r>>
           AND (r.opportunity_id IS NULL OR r.opportunity_id = $opportunity_id)
       } AS reporting_known,
       coalesce(c.no_known_influencer, false) OR EXISTS {
         MATCH (c)<-[r:INFLUENCES]-()
         WHERE <<valid r>>
           AND (r.opportunity_id IS NULL OR r.opportunity_id = $opportunity_id)
       } AS influence_known,
       // The contact's activities (date and deal), filtered as a list: with the date test in
       // the pattern the planner may start from the Activity(at) index across all activities
       // instead of the contact (a COUNT subquery always did; a pattern comprehension did when
       // the index statistics were sampled before an import: 16 ms instead of 0.8 at 0.1x).
       // An activity an employee marked private counts for nobody's shared figures.
       [act IN [(c)<-[:WITH_CONTACT]-(act:Activity) WHERE act.private_to IS NULL
                | {at: act.at, deal: act.opportunity_id}]
        WHERE act.at > $as_of - duration({days: $window_days}) AND act.at <= $as_of] AS recent
// For a deal, also those about it (the deal contact level); null without a deal.
RETURN collect({contact_id: contact_id, name: name, title: title, department: department,
                account_id: account_id, key_person: key_person, behavior: behavior,
                importance: importance, importance_at: importance_at,
                reporting_known: reporting_known,
                influence_known: influence_known, recent_activities: size(recent),
                recent_deal_activities: CASE WHEN $opportunity_id IS NULL THEN null
                  ELSE size([act IN recent WHERE act.deal = $opportunity_id]) END}) AS rows
