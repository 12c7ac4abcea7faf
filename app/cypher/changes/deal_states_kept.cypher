// The change feed's states of the deals of $opportunity_ids kept for $day
// (changes/keep_deal_states) that still hold: kept under the rule $rule with no write since that
// may change them (the deal states' version of the deal's account and the epoch unchanged,
// app/kpis/kept.py; both read before any state is worked out again). One row: the epoch's
// counters (kpis/kept_counters), the deals whose states do not hold (`stale`: [deal id,
// [account id, version]]; a deal that does not exist is in neither list) and the states that do
// (`kept`: [deal id, state as JSON text]).
CALL () {
  <<include kpis/kept_counters>>
}
CALL (epoch, token) {
  UNWIND $opportunity_ids AS opportunity_id
  MATCH (o:Opportunity {id: opportunity_id})
  OPTIONAL MATCH (k:KeptAccount {account_id: o.account_id})
  OPTIONAL MATCH (s:KeptDealState {opportunity_id: opportunity_id, day: $day})
  WITH opportunity_id, o.account_id AS account_id, s, coalesce(k.deals_version, 0) AS version
  WITH opportunity_id, account_id, s, version,
       coalesce(s.account_id = account_id AND s.version = version AND s.epoch = epoch
                AND s.token = token AND s.rule = $rule, false) AS current
  RETURN collect(CASE WHEN NOT current THEN [opportunity_id, [account_id, version]] END) AS stale,
         collect(CASE WHEN current THEN [opportunity_id, s.state] END) AS kept
}
RETURN epoch, token, writes, settled, stale, kept
