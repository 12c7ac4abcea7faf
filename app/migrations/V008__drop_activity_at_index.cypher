// No query reads activities by date alone: the contact level counts a contact's own
// activities (features/structure). The index only gave the planner a way to start there,
// across every activity, when its statistics were stale (see that query), and cost every
// activity an index entry on import.
DROP INDEX activity_at IF EXISTS;
