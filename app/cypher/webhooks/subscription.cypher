// One subscription not deleted, of $principal_id or of any (null).
MATCH (s:WebhookSubscription {id: $id})
WHERE s.deleted_at IS NULL AND ($principal_id IS NULL OR s.principal_id = $principal_id)
RETURN s.id AS id
