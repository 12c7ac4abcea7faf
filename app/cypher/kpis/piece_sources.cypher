// What the KPI pieces of $rows ({contact_id}) are made of (app/kpis/rollups.py), read inside
// the write that changed them: whether the contact is a key person (its dated timeline), its
// WORKS_AT spans, the
// spans employees know it (INFLUENCES, or IN_TOUCH: acquainted by activity), the timelines of our general assessments (kept by
// ingestion/merge_assessments) and its pieces as they are. Each contact's lock is taken first:
// two writes refreshing one contact follow one another. Contacts with no pieces before or after
// have no row. Dates go as ISO strings (app/kpis/rollups.py dated: the driver's own dates cost
// most of an import's time to decode). One list: read as Graph.read_list does.
UNWIND $rows AS row
WITH DISTINCT row.contact_id AS contact_id
OPTIONAL MATCH (c:Contact {id: contact_id})
CALL (c) {
  WITH c WHERE c IS NOT NULL
  SET c._lock = true
  REMOVE c._lock
}
// A contact that is not a key person and has no pieces has none after the write either: most
// contacts of an import are such, and need no more reading.
WITH contact_id, c
WHERE c.key_person = true OR true IN coalesce(c.key_person_was, [])
   OR EXISTS { MATCH (:KpiPiece {contact_id: contact_id}) }
RETURN collect({
  contact_id: contact_id,
  key_person: coalesce(c.key_person = true, false),
  key_person_at: [d IN c.key_person_at | toString(d)], key_person_was: c.key_person_was,
  works: [(c)-[w:WORKS_AT]->(a:Account) | {account_id: a.id, since: toString(w.since),
                                            until: toString(w.until)}],
  known: [(c)<-[r:INFLUENCES|IN_TOUCH]-(:Employee) | {since: toString(r.since),
                                                       until: toString(r.until)}],
  closeness_at: [d IN c.us_closeness_at | toString(d)], closeness: c.us_closeness,
  solution_at: [d IN c.us_solution_at | toString(d)], solution: c.us_solution,
  price_at: [d IN c.us_price_at | toString(d)], price: c.us_price,
  veto_at: [d IN c.us_veto_at | toString(d)], veto: c.us_veto,
  approver_at: [d IN c.us_approver_at | toString(d)], approver: c.us_approver,
  pieces: COLLECT {
    MATCH (p:KpiPiece {contact_id: contact_id})
    RETURN p {.contact_id, .account_id, since: toString(p.since), until: toString(p.until),
              .acq, .insighted, .closeness, .solution, .price, .closeness_bucket,
              .solution_bucket, .price_bucket}
  }
}) AS rows
