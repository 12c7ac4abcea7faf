// One tracked action; no row for an unknown id.
MATCH (t:TrackedAction {id: $id})
RETURN t {.*, created_at: toString(t.created_at), updated_at: toString(t.updated_at)} AS action
