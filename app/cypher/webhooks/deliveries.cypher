// A subscription's delivery log, newest first: each delivery with every try.
MATCH (d:WebhookDelivery {subscription_id: $subscription_id})
WITH d ORDER BY d.created_at DESC, d.id
SKIP $offset
LIMIT $limit
RETURN d {.id, .event_id, .type, .status, .attempts, .try_status, .try_error, .try_ms,
          created_at: toString(d.created_at), next_at: toString(d.next_at),
          delivered_at: toString(d.delivered_at),
          try_at: [t IN d.try_at | toString(t)]} AS delivery
