// A whole decision chain in one round trip: the deal with its competitors and members
// (chains/opportunity), then over those members their place in the graph, the attitudes of
// us ($us) and of each competitor on the deal, and our reach and the rivals' hold. Each part
// is its own file. No row when there is no such deal.
CALL () {
<<include chains/opportunity>>
}
WITH opportunity, competitor_ids, members, [m IN members | m.contact_id] AS contact_ids,
     [$us] + competitor_ids AS towards
CALL (contact_ids) {
<<include features/structure with contact_ids>>
}
WITH opportunity, competitor_ids, members, contact_ids, towards, rows AS structure
CALL (contact_ids, towards) {
<<include features/attitudes with contact_ids, towards>>
}
WITH opportunity, competitor_ids, members, contact_ids, structure, rows AS attitudes
CALL (contact_ids) {
<<include chains/reach with contact_ids>>
}
RETURN opportunity, competitor_ids, members, structure, attitudes, rows AS reach
