// The epoch and its token, the number of the latest write committed (`writes`, kpis/kept_stale)
// and of the latest known applied (`settled`, kpis/kept_settle),
// how many writes did not mark what they touched (`unmarked`: an older version of the API's
// writes), how many wrote deals or their leverage (`deal_writes`) and the latest of their numbers
// (`deal_write_at`); and a company summary's content (`content`: JSON text, or null), kept by
// kpis/keep_summary under $id. Read first by an answer that reads a summary: what a write after
// it changes is touched after it.
OPTIONAL MATCH (e:KeptEpoch {id: 'kept'})
OPTIONAL MATCH (m:KeptSummary {id: $id})
RETURN coalesce(e.n, 0) AS epoch, e.token AS token, coalesce(e.writes, 0) AS writes,
       coalesce(e.settled, 0) AS settled,
       coalesce(e.writes, 0) - coalesce(e.marked, 0) AS unmarked,
       coalesce(e.deal_writes, 0) AS deal_writes, coalesce(e.deal_write_at, 0) AS deal_write_at,
       m.content AS content
