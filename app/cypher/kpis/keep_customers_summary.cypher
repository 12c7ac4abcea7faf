// Keeps the company's customer-line summary for $day under the rule $rule, as of the write
// numbered $kept_at ($accounts in id order, each with its figures as kpis/customers_kept reads
// them), unless the epoch has moved since $epoch or its token since $token, or a summary of the
// same day, rule and epoch as of a later write is kept already.
MATCH (e:KeptEpoch {id: 'kept'})
WHERE e.n = $epoch AND e.token = $token
MERGE (m:KeptSummary {id: 'customers'})
WITH m
WHERE m.kept_at IS NULL OR m.kept_at < $kept_at OR m.day <> $day OR m.rule <> $rule
   OR m.epoch <> $epoch OR m.token <> $token
SET m.day = $day, m.rule = $rule, m.epoch = $epoch, m.token = $token, m.kept_at = $kept_at,
    m.accounts = $accounts, m.figures = $figures
