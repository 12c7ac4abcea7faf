// The epoch's counters (kpis/kept_counters), how many writes did not mark what they touched
// (`unmarked`: an older version of the API's writes), how many wrote deals or their leverage
// (`deal_writes`) and the latest of their numbers (`deal_write_at`); and a company summary's
// content (`content`: a JSON text in parts, one record each, none if no summary is kept: the
// customer line's is 2.5 MB at 3x, Reader.read_in_parts), kept by kpis/keep_summary under
// $id. Read first by an answer that reads a summary: what a write after it changes is touched
// after it.
CALL () {
  <<include kpis/kept_counters>>
}
OPTIONAL MATCH (m:KeptSummary {id: $id})
// A summary kept whole (`content`) by an older version of the API is newer than the parts
// beside it, which that version does not write.
WITH e, epoch, token, writes, settled,
     CASE WHEN m.content IS NOT NULL THEN [m.content] ELSE coalesce(m.parts, []) END AS parts
UNWIND range(0, CASE WHEN size(parts) > 0 THEN size(parts) - 1 ELSE 0 END) AS at
RETURN epoch, token, writes, settled, writes - coalesce(e.marked, 0) AS unmarked,
       coalesce(e.deal_writes, 0) AS deal_writes, coalesce(e.deal_write_at, 0) AS deal_write_at,
       parts[at..at + 1] AS content
ORDER BY at
