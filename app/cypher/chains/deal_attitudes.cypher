// The deal's members (chains/opportunity) with our attitudes toward each on this deal
// (features/attitudes), in one round trip: what a deal's blockers are read from. No row when
// there is no such deal.
CALL () {
<<include chains/opportunity>>
}
WITH members, [m IN members | m.contact_id] AS contact_ids, [$us] AS towards
CALL (contact_ids, towards) {
<<include features/attitudes with contact_ids, towards>>
}
RETURN members, rows AS attitudes
