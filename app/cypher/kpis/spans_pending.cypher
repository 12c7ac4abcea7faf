// The accounts $account_ids (in id order) marked pending: a write changed the pieces of too
// many accounts to build their spans in its transaction (rollups.SPANS_IN_WRITE). A company's
// figures read a pending account from its pieces until kpis/account_spans builds its spans.
UNWIND $account_ids AS account_id
MERGE (k:KpiAccountRollup {account_id: account_id})
SET k.pending = true
