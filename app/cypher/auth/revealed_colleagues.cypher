// Colleagues who accepted an introduction requested by this employee.
MATCH (i:Introduction {requester_id: $employee_id})
WHERE i.status IN ['accepted', 'made', 'helped']
RETURN collect(DISTINCT i.colleague_id) AS colleague_ids
