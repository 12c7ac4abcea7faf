// Keeps the breakthrough lists worked out for $day under the rule $rule ($states: account_id,
// the version read before working it out (`seen`), and the list as parallel lists: deals,
// contacts, roles, gaps as comma-joined degrees), where no write came between. `kept` is the version
// seen, not the version now: a write that raises it after the check and commits before this
// SET (which takes the account's lock) leaves the answer stale.
CALL () {
<<include kpis/kept_unchanged>>
}
SET k.breakthrough_day = $day, k.breakthrough_kept = s.seen, k.breakthrough_epoch = $epoch,
    k.breakthrough_token = $token,
    k.breakthrough_rule = $rule, k.breakthrough_deals = s.deals,
    k.breakthrough_contacts = s.contacts, k.breakthrough_roles = s.roles,
    k.breakthrough_gaps = s.gaps
