// The outbox mark of one domain write, made in the write's own transaction (app/webhooks/
// outbox.py): the ids it wrote and the first and last days it changed. The worker turns marks into events.
CREATE (:OutboxMark {id: randomUUID(), at: datetime(), since: $since, until: $until, ids: $ids, clock: false})
