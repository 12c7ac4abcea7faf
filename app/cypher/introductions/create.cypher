// A new introduction, unless the requester already asked this colleague about this contact and
// that introduction is still open (requested or accepted): then none is created and its id is
// `open_id`. The requester's node is locked first, so that two requests at once do not both
// find none open.
OPTIONAL MATCH (me:Employee {id: $requester_id})
SET me._lock = true
REMOVE me._lock
WITH count(me) AS locked
OPTIONAL MATCH (open:Introduction {requester_id: $requester_id})
WHERE open.colleague_id = $colleague_id AND open.contact_id = $contact_id
  AND open.status IN ['requested', 'accepted']
WITH min(open.id) AS open_id
OPTIONAL CALL (open_id) {
  WITH open_id WHERE open_id IS NULL
  CREATE (i:Introduction {id: $id, requester_id: $requester_id, colleague_id: $colleague_id,
                          contact_id: $contact_id, opportunity_id: $opportunity_id, note: $note,
                          status: 'requested', created_at: datetime(), updated_at: datetime(),
                          history: ['requested@' + toString(datetime())]})
  WITH i
  CALL (i) {
    <<include introductions/shown>>
  }
  RETURN introduction
}
RETURN introduction, open_id
