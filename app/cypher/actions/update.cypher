// Change a tracked action only while it is in a status that allows it ($from_statuses), and
// add the revision of the day ($today): status, due date and owner after the change.
MATCH (t:TrackedAction {id: $id})
WHERE t.status IN $from_statuses
SET t.status = $status, t.due = $due, t.owner_id = $owner_id, t.note = $note,
    t.updated_at = datetime(),
    t.closed_on = CASE WHEN $status = 'open' THEN null ELSE coalesce(t.closed_on, $today) END,
    t.rev_on = t.rev_on + [$today], t.rev_status = t.rev_status + [$status],
    t.rev_due = t.rev_due + [$due], t.rev_owner = t.rev_owner + [$owner_id]
RETURN t {.*, created_at: toString(t.created_at), updated_at: toString(t.updated_at)} AS action
