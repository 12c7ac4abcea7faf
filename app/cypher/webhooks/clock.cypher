// Once a day, a mark for the days passed since the last: tracked actions fall overdue with
// time alone, with no write to leave a mark.
MERGE (c:OutboxClock {id: 'clock'})
ON CREATE SET c.day = $today
WITH c
WHERE c.day < $today
CREATE (:OutboxMark {id: randomUUID(), at: datetime(), since: c.day + duration('P1D'), until: $today, ids: [],
                     clock: true})
SET c.day = $today
