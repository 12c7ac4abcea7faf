// features/attitudes for the common case (our general view, no deal), from the timelines kept
// on each contact: the last known value per feature on or before $as_of, without reading the
// assessments (56k key persons at 1x: 0.9 s instead of 2.0 s). One list: Graph.read_list.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})
WITH contact_id, c,
     [i IN range(size(coalesce(c.us_closeness_at, [])) - 1, 0, -1)
      WHERE c.us_closeness_at[i] <= $as_of][0] AS closeness,
     [i IN range(size(coalesce(c.us_solution_at, [])) - 1, 0, -1)
      WHERE c.us_solution_at[i] <= $as_of][0] AS solution,
     [i IN range(size(coalesce(c.us_price_at, [])) - 1, 0, -1)
      WHERE c.us_price_at[i] <= $as_of][0] AS price,
     [i IN range(size(coalesce(c.us_veto_at, [])) - 1, 0, -1)
      WHERE c.us_veto_at[i] <= $as_of][0] AS veto,
     [i IN range(size(coalesce(c.us_approver_at, [])) - 1, 0, -1)
      WHERE c.us_approver_at[i] <= $as_of][0] AS approver
WHERE closeness IS NOT NULL OR solution IS NOT NULL OR price IS NOT NULL OR veto IS NOT NULL
   OR approver IS NOT NULL
RETURN collect({
  contact_id: contact_id, toward: $us,
  closeness: c.us_closeness[closeness], solution: c.us_solution[solution],
  price: c.us_price[price], veto: c.us_veto[veto], approver: c.us_approver[approver]
}) AS rows
