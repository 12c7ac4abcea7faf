// The focus deals of the accounts open on $as_of (created on or before it; status open, or
// closed after it), by account and deal id, each with its decision-chain members
// (chains/opportunity) and our attitudes toward them on the deal (features/our_attitudes, the
// deal's own first): what the influence line's breakthrough list is drawn from, as
// chains/deal_attitudes reads one deal. One list, in parts: Graph.read_list.
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
WITH collect({account_id: account_id, opportunity_id: opportunity_id, members: members,
              attitudes: rows}) AS rows
<<include db/in_parts with rows>>
