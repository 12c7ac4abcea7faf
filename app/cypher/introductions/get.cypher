MATCH (i:Introduction {id: $id})
RETURN i {.*, created_at: toString(i.created_at), updated_at: toString(i.updated_at)} AS introduction
