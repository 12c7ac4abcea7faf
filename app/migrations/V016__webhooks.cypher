// Webhooks (app/webhooks): subscriptions, the outbox marks every domain write leaves in its own
// transaction, the events made of them (one per key: a receiver hears of a change once) and
// their deliveries, found by when they are due.
CREATE CONSTRAINT webhook_subscription_id IF NOT EXISTS FOR (n:WebhookSubscription) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT outbox_mark_id IF NOT EXISTS FOR (n:OutboxMark) REQUIRE n.id IS UNIQUE;
CREATE INDEX outbox_mark_at IF NOT EXISTS FOR (n:OutboxMark) ON (n.at);
CREATE CONSTRAINT webhook_event_key IF NOT EXISTS FOR (n:WebhookEvent) REQUIRE n.key IS UNIQUE;
CREATE INDEX webhook_event_subject IF NOT EXISTS FOR (n:WebhookEvent) ON (n.subject);
CREATE CONSTRAINT webhook_event_id IF NOT EXISTS FOR (n:WebhookEvent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT webhook_delivery_id IF NOT EXISTS FOR (n:WebhookDelivery) REQUIRE n.id IS UNIQUE;
CREATE INDEX webhook_delivery_due IF NOT EXISTS FOR (n:WebhookDelivery) ON (n.status, n.next_at);
CREATE INDEX webhook_delivery_subscription IF NOT EXISTS FOR (n:WebhookDelivery) ON (n.subscription_id);
