// Keeps the customer line's per-account figures worked out for $day under the rule $rule
// ($states: account_id, the version read before working them out (`seen`), and the figures as
// kpis/customers_kept reads them), where no write came between. `kept` is the version
// seen, not the version now: a write that raises it after the check and commits before this
// SET (which takes the account's lock) leaves the answer stale.
CALL () {
<<include kpis/kept_unchanged>>
}
SET k.customers_day = $day, k.customers_kept = s.seen, k.customers_epoch = $epoch,
    k.customers_token = $token,
    k.customers_rule = $rule, k.customers_figures = s.figures,
    k.customers_key_person_ids = s.key_person_ids, k.customers_row = s.row
