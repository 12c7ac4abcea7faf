// A contact's key-person flag becomes a dated timeline (ingestion/key_person_timeline): what was
// stored before this version holds since ever.
MATCH (c:Contact)
WHERE c.key_person_at IS NULL
SET c.key_person_at = [date('0001-01-01')], c.key_person_was = [coalesce(c.key_person, false)];
