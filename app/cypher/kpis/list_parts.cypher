// The parts of the version $version of the company's kept account list $list
// (kpis/keep_list_part), in order: each one's number and rows (JSON joined with commas, UTF-8
// bytes). One record a part, so that no record is larger than a part.
MATCH (p:KeptListPart {list: $list, version: $version})
RETURN p.at AS at, p.rows AS rows
ORDER BY p.at
