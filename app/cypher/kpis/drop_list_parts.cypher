// Drops the parts of the company's kept account list $list other than those of the version its
// summary names (kpis/keep_list): an older version's, or those of an answer whose summary was
// not kept (a later one had been).
MATCH (p:KeptListPart {list: $list})
OPTIONAL MATCH (m:KeptSummary {id: $list})
WITH p, m
WHERE m IS NULL OR p.version <> coalesce(m.list_version, '')
DELETE p
