// The review cadence runs importance from the day it was judged (contacts' importance_at, set
// by every write that gives an importance): for contacts written before, the day their record
// was last entered.
MATCH (c:Contact)
WHERE c.importance IS NOT NULL AND c.importance_at IS NULL
CALL (c) {
  SET c.importance_at = date(coalesce(c.entered_at, datetime()))
} IN TRANSACTIONS OF 10000 ROWS;
