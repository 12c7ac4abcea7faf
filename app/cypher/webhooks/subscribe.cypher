// A new subscription of $principal_id.
CREATE (s:WebhookSubscription {id: $id, url: $url, events: $events, secret: $secret,
                               principal_id: $principal_id, created_at: datetime()})
RETURN s {.id, .url, .events, .principal_id, created_at: toString(s.created_at)} AS subscription
