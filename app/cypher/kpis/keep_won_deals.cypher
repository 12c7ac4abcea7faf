// Keeps the company's won deals worked out for the periods of $keys ($answers: JSON texts, in
// the same order) under the rule $rule, the epoch $epoch and its token $token, as of the write
// naming a deal numbered $deal_writes, if none has come since: beside those kept already under
// the same, the newest $max of them, or in their place.
MATCH (e:KeptEpoch {id: 'kept'})
WHERE e.n = $epoch AND e.token = $token AND coalesce(e.deal_writes, 0) = $deal_writes
MERGE (m:KeptSummary {id: 'won_deals'})
WITH m, coalesce(m.rule = $rule AND m.epoch = $epoch AND m.token = $token
                 AND m.deal_writes = $deal_writes, false) AS same
WITH m, CASE WHEN same THEN [i IN range(0, size(m.keys) - 1)
                             WHERE NOT m.keys[i] IN $keys | [m.keys[i], m.answers[i]]]
             ELSE [] END + [i IN range(0, size($keys) - 1) | [$keys[i], $answers[i]]] AS kept
WITH m, kept[-$max..] AS kept
SET m.rule = $rule, m.epoch = $epoch, m.token = $token, m.deal_writes = $deal_writes,
    m.keys = [k IN kept | k[0]], m.answers = [k IN kept | k[1]]
