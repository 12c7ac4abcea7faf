// Drops the parts of the kept account lists (app/kpis/company_list.py) that no summary will
// read: those of the version $version if its summary was not kept (a later one had been), and
// those that no summary names and are older than $grace_s seconds (a keep that failed, or one
// replaced; younger ones may be another keep's, still being written, or read by an answer that
// read the summary before it was replaced), or that a summary of a day before yesterday names
// (a rule no process keeps any more; $today: the organisation's day).
MATCH (p:KeptListPart)
OPTIONAL MATCH (m:KeptSummary {id: p.list})
WITH p, m
WHERE m.day < $today - duration({days: 1})
   OR (p.version <> coalesce(m.list_version, '')
       AND (p.version = $version
            OR p.written_at < datetime() - duration({seconds: $grace_s})))
DELETE p
