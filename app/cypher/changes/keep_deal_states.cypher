// Keeps the change feed's deal states worked out for $day under the rule $rule ($states:
// account_id, the version of the account read before working them out (`seen`),
// opportunity_id and the state as JSON text), where no write came between (kpis/
// kept_unchanged). A deal keeps its most recently kept days, at most $days_per_deal: the feed's
// periods end today and move with it, and the days they start on with them.
CALL () {
<<include kpis/kept_unchanged>>
}
MERGE (d:KeptDealState {opportunity_id: s.opportunity_id, day: $day})
SET d.account_id = s.account_id, d.version = s.seen, d.epoch = $epoch, d.token = $token,
    d.rule = $rule, d.state = s.state, d.kept_at = datetime()
WITH DISTINCT s.opportunity_id AS opportunity_id
CALL (opportunity_id) {
  MATCH (old:KeptDealState {opportunity_id: opportunity_id})
  WITH old ORDER BY old.kept_at DESC
  SKIP $days_per_deal
  DELETE old
}
