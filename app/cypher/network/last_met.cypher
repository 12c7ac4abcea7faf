// The day each contact of $contact_ids was last met at an activity no one made private, kept on
// the contact (`last_met`; null: never) with its acquaintance by activity (app/network/touch.py),
// so that the weekly review finds each account's last day (activities/last_met) without reading
// every activity of the company.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})
SET c.last_met = COLLECT {
  MATCH (c)<-[:WITH_CONTACT]-(act:Activity)
  WHERE act.private_to IS NULL
  RETURN act.at ORDER BY act.at DESC LIMIT 1
}[0]
