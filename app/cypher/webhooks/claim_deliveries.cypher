// Deliveries due and held by no worker, held for $lease_s seconds (longer than a try), at most
// $limit; those of a subscription whose principal was revoked are cancelled instead. One list.
MATCH (d:WebhookDelivery {status: 'pending'})
WHERE d.next_at <= datetime() AND (d.lease_until IS NULL OR d.lease_until < datetime())
WITH d ORDER BY d.next_at
LIMIT $limit
MATCH (s:WebhookSubscription {id: d.subscription_id})
MATCH (ev:WebhookEvent {id: d.event_id})
WITH d, s, ev, s.deleted_at IS NOT NULL OR EXISTS {
  MATCH (p:Principal {id: s.principal_id}) WHERE p.revoked_at IS NOT NULL
} AS cancelled
SET d.status = CASE WHEN cancelled THEN 'cancelled' ELSE d.status END,
    d.lease_until = CASE WHEN cancelled THEN null
                         ELSE datetime() + duration({seconds: $lease_s}) END
WITH d, s, ev
WHERE NOT cancelled
RETURN collect({id: d.id, url: s.url, secret: s.secret, type: ev.type, payload: ev.payload,
                attempts: d.attempts, created_at: d.created_at}) AS rows
