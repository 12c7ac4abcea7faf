// The accounts whose spans are pending (kpis/spans_pending), in id order. One list, in parts:
// Graph.read_list.
MATCH (k:KpiAccountRollup)
WHERE k.pending = true
WITH k.account_id AS id
WHERE id IS NOT NULL
WITH id ORDER BY id
WITH collect({account_id: id}) AS rows
<<include db/in_parts with rows>>
