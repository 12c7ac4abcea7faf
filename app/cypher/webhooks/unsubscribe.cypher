// Delete a subscription (of $principal_id, or any: null): kept with its delivery log, its
// pending deliveries cancelled.
MATCH (s:WebhookSubscription {id: $id})
WHERE s.deleted_at IS NULL AND ($principal_id IS NULL OR s.principal_id = $principal_id)
SET s.deleted_at = datetime()
WITH s
CALL (s) {
  MATCH (d:WebhookDelivery {subscription_id: s.id, status: 'pending'})
  SET d.status = 'cancelled', d.lease_until = null
  RETURN count(d) AS cancelled
}
RETURN s.id AS id
