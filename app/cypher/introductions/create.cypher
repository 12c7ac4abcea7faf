CREATE (i:Introduction {id: $id, requester_id: $requester_id, colleague_id: $colleague_id,
                        contact_id: $contact_id, opportunity_id: $opportunity_id, note: $note,
                        status: 'requested', created_at: datetime(), updated_at: datetime(),
                        history: ['requested@' + toString(datetime())]})
RETURN i {.*, created_at: toString(i.created_at), updated_at: toString(i.updated_at)} AS introduction
