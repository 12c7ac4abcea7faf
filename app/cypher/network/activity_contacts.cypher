// The contacts the activities $activity_ids are with. An import adds an activity's contacts and
// removes none: re-imported on another day, it moves the acquaintance of contacts the document
// does not name (app/ingestion/repository.py TouchRefresh).
UNWIND $activity_ids AS activity_id
MATCH (:Activity {id: activity_id})-[:WITH_CONTACT]->(c:Contact)
RETURN DISTINCT c.id AS contact_id
