// Template: layers as in paths/best_paths.
// The breakthrough targets of the accounts of $account_ids on $as_of (app/kpis/breakthrough.py),
// in one round trip: their focus deals open on that day (created on or before it; status open,
// or closed after it), by account and deal id, each with those of its decision-chain members
// (chains/opportunity) whom we see at one of $low on some degree (features/our_attitudes, the
// deal's own assessments first) and some employee reaches, as paths/best_paths would find a
// path to them (paths/reachers asked for one employee: the deal's own edges counted, opposing
// intermediaries avoided). Each deal with its members' roles and our attitudes toward them,
// those others left out: the blockers' order (app/chains/breakthrough.py) is the caller's. A
// deal with none has no row. One list, in parts: Graph.read_list.
UNWIND $account_ids AS account_id
MATCH (o:Opportunity {account_id: account_id})
USING INDEX o:Opportunity(account_id)
WHERE o.focus = true AND (o.created_at IS NULL OR o.created_at <= $as_of)
  AND (o.status = 'open' OR o.closed_at > $as_of)
WITH account_id, o.id AS opportunity_id
ORDER BY account_id, opportunity_id
CALL (opportunity_id) {
<<include chains/opportunity with opportunity_id>>
}
WITH account_id, opportunity_id, members, [m IN members | m.contact_id] AS contact_ids
CALL (contact_ids, opportunity_id) {
<<include features/our_attitudes with contact_ids, opportunity_id>>
}
WITH account_id, opportunity_id, members,
     [v IN rows WHERE v.closeness IN $low OR v.solution IN $low OR v.price IN $low] AS low
WHERE size(low) > 0
WITH account_id, opportunity_id, members, low, [v IN low | v.contact_id] AS target_ids
CALL (target_ids, opportunity_id) {
<<include paths/reachers with target_ids, opportunity_id>>
}
WITH account_id, opportunity_id, members, low, [r IN reach | r.target_id] AS reached
WHERE size(reached) > 0
WITH collect({account_id: account_id, opportunity_id: opportunity_id,
              members: [m IN members WHERE m.contact_id IN reached],
              attitudes: [v IN low WHERE v.contact_id IN reached]}) AS rows
<<include db/in_parts with rows>>
