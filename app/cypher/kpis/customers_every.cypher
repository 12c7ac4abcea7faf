// Every account's customer-line figures, key persons' ids and row as kept for $as_of under the
// rule $rule (the row null where none was kept), whatever their version, epoch and token: the
// company's whole account list reads them beside its customer summary, which vouches for
// those of the accounts not touched since it was kept (app/kpis/customer_rows.py
// _every_kept), without testing each account's state whole. The day and the rule are tested:
// an answer of another rule (another process's reporting currency, another version's rule) or
// of the day before may have kept an account since without a write. In parts of at most $part
// accounts, in order (Reader.read_in_parts): the rows are 13.5 MB at 3x.
MATCH (k:KeptAccount)
WHERE k.customers_day = $as_of AND k.customers_rule = $rule
  AND k.customers_figures IS NOT NULL AND k.customers_key_person_ids IS NOT NULL
WITH collect(k.account_id) AS ids, collect(k.customers_figures) AS figures,
     collect(k.customers_key_person_ids) AS key_person_ids,
     // A list of them keeps its place where a row is null.
     collect([k.customers_row]) AS rows
UNWIND range(0, CASE WHEN size(ids) > 0 THEN size(ids) - 1 ELSE 0 END, $part) AS at
RETURN ids[at..at + $part] AS ids, figures[at..at + $part] AS figures,
       key_person_ids[at..at + $part] AS key_person_ids,
       [row IN rows[at..at + $part] | row[0]] AS rows
ORDER BY at
