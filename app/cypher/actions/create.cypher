// A new tracked action, open, with its first revision (the day, status, due date and owner:
// what the change feed reads to tell when it fell overdue) and who entered it.
CREATE (t:TrackedAction {id: $id, account_id: $account_id, opportunity_id: $opportunity_id,
                         contact_id: $contact_id, competitor_id: $competitor_id, kind: $kind,
                         owner_id: $owner_id, due: $due, note: $note, status: 'open',
                         created_at: datetime(), updated_at: datetime(),
                         entered_by_principal: $principal_id, entered_by_employee: $employee_id,
                         source: $source,
                         rev_on: [$today], rev_status: ['open'], rev_due: [$due],
                         rev_owner: [$owner_id]})
RETURN t {.*, created_at: toString(t.created_at), updated_at: toString(t.updated_at)} AS action
