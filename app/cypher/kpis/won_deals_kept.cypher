// The company's won deals kept (kpis/keep_won_deals) for the periods of $keys (as_of|start|
// reporting currency, app/kpis/scope_data.py), where they hold: kept under the rule $rule, the
// epoch and its token, and no write naming a deal since (`deal_writes`, kpis/kept_stale). One
// row: the epoch, its token and that count, read first, and the kept answers as JSON texts in
// the order of $keys (null: not kept).
OPTIONAL MATCH (e:KeptEpoch {id: 'kept'})
WITH coalesce(e.n, 0) AS epoch, e.token AS token, coalesce(e.deal_writes, 0) AS deal_writes
OPTIONAL MATCH (m:KeptSummary {id: 'won_deals'})
WITH epoch, token, deal_writes, m,
     coalesce(m.rule = $rule AND m.epoch = epoch AND m.token = token
              AND m.deal_writes = deal_writes, false) AS holds
RETURN epoch, token, deal_writes,
       [key IN $keys | CASE WHEN holds THEN
          [i IN range(0, size(m.keys) - 1) WHERE m.keys[i] = key | m.answers[i]][0] END]
       AS answers
