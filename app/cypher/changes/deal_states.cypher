// Template: layers as in paths/best_paths.
// What the change feed compares of each deal of $opportunity_ids on $as_of (app/changes/
// events.py, DealState), in one round trip: its decision-chain members with their latest role
// (chains/opportunity), our attitudes toward them on the deal (features/our_attitudes, the
// deal's own first: what its blockers and weighted supportive coverage come from), whether no
// employee, one or several reach each (paths/reachers) and the members' names (the events'
// details). Not the rest of a decision chain (chains/decision_chain: structure, activity,
// rivals' views, reach flags), which a state does not hold. Each part is its own file; a deal
// that does not exist has no row. One list.
UNWIND $opportunity_ids AS opportunity_id
CALL (opportunity_id) {
<<include chains/opportunity with opportunity_id>>
}
WITH opportunity_id, members, [m IN members | m.contact_id] AS contact_ids
CALL (contact_ids, opportunity_id) {
<<include features/our_attitudes with contact_ids, opportunity_id>>
}
WITH opportunity_id, members, contact_ids, rows AS attitudes, contact_ids AS target_ids
CALL (target_ids, opportunity_id) {
<<include paths/reachers with target_ids, opportunity_id>>
}
RETURN collect({
         opportunity_id: opportunity_id, members: members, attitudes: attitudes, reach: reach,
         names: COLLECT {
           UNWIND contact_ids AS contact_id
           MATCH (c:Contact {id: contact_id})
           RETURN {contact_id: contact_id, name: c.name}
         }
       }) AS rows
