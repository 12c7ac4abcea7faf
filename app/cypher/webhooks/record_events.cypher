// New events of one pass ($pass_id) and a pending delivery of each to every subscription of its
// type. An event is made once per key; one of a deal's state ($seen_since set) is not made
// again while the same news about the same subject is as recent as the period it was found in.
UNWIND $events AS e
WITH e
WHERE e.seen_since IS NULL OR NOT EXISTS {
  MATCH (seen:WebhookEvent {subject: e.subject})
  WHERE seen.at >= e.seen_since
}
MERGE (ev:WebhookEvent {key: e.key})
ON CREATE SET ev.id = e.id, ev.type = e.type, ev.at = e.at, ev.subject = e.subject,
              ev.payload = e.payload, ev.created_at = datetime(), ev.pass = $pass_id
WITH ev
WHERE ev.pass = $pass_id
CALL (ev) {
  MATCH (s:WebhookSubscription)
  WHERE s.deleted_at IS NULL AND ev.type IN s.events
  CREATE (:WebhookDelivery {id: 'dlv-' + randomUUID(), subscription_id: s.id, event_id: ev.id,
                            type: ev.type, status: 'pending', attempts: 0, next_at: datetime(),
                            created_at: datetime(), try_at: [], try_status: [], try_error: [],
                            try_ms: []})
  RETURN count(*) AS deliveries
}
RETURN count(ev) AS events, sum(deliveries) AS deliveries
