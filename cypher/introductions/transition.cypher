// Move an introduction along its workflow only from the statuses that allow it.
MATCH (i:Introduction {id: $id})
WHERE i.status IN $from_statuses
SET i.status = $to_status, i.updated_at = datetime(),
    i.history = i.history + [$to_status + '@' + toString(datetime())]
RETURN i {.*, created_at: toString(i.created_at), updated_at: toString(i.updated_at)} AS introduction
