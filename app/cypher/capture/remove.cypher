// Activities of cancelled events, or of events that no longer have one of ours and a known
// contact ($rows: id): the meeting as captured did not take place.
UNWIND $rows AS row
MATCH (act:Activity {id: row.id})
DETACH DELETE act
