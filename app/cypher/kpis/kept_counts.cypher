// The epoch's counters (kpis/kept_counters), how many writes did not mark what they touched
// (`unmarked`: an older version of the API's writes), how many wrote deals or their leverage
// (`deal_writes`) and the latest of their numbers (`deal_write_at`); and a company summary's
// content (`content`: JSON text, or null), kept by kpis/keep_summary under $id. Read first by an
// answer that reads a summary: what a write after it changes is touched after it.
CALL () {
  <<include kpis/kept_counters>>
}
OPTIONAL MATCH (m:KeptSummary {id: $id})
RETURN epoch, token, writes, settled, writes - coalesce(e.marked, 0) AS unmarked,
       coalesce(e.deal_writes, 0) AS deal_writes, coalesce(e.deal_write_at, 0) AS deal_write_at,
       m.content AS content
