// The general reporting lines (not a deal's) above each of $contact_ids that still hold on
// $today or begin later, up to 20 steps up, each line once as [from, to]: what a new line is
// checked against for a loop (ingestion/validation.check_reporting_loops, for at most 1,000
// contacts). An org chart has one manager or two above a person, so the paths are few: at
// most 20 a contact, 100,000 in all.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})
MATCH path = (c)-[:REPORTS_TO*1..20]->(:Contact)
WHERE all(r IN relationships(path) WHERE r.opportunity_id IS NULL
                                     AND (r.until IS NULL OR r.until > $today))
WITH path
LIMIT 100000
UNWIND relationships(path) AS r
RETURN collect(DISTINCT [startNode(r).id, endNode(r).id]) AS lines
