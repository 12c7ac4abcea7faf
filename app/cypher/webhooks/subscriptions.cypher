// The subscriptions not deleted, of one principal ($principal_id) or of all (null), oldest first.
MATCH (s:WebhookSubscription)
WHERE s.deleted_at IS NULL AND ($principal_id IS NULL OR s.principal_id = $principal_id)
WITH s ORDER BY s.created_at, s.id
LIMIT $limit
RETURN s {.id, .url, .events, .principal_id, created_at: toString(s.created_at)} AS subscription
