// One try of a delivery kept in its log, and what comes next: delivered, failed for good, or
// pending again from $next_at.
MATCH (d:WebhookDelivery {id: $id})
SET d.attempts = d.attempts + 1, d.status = $status, d.next_at = $next_at,
    d.lease_until = null, d.try_at = d.try_at + [datetime()],
    d.try_status = d.try_status + [$status_code], d.try_error = d.try_error + [$error],
    d.try_ms = d.try_ms + [$ms],
    d.delivered_at = CASE WHEN $status = 'delivered' THEN datetime() ELSE null END
