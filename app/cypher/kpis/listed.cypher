// The first $limit key persons on $as_of of each list of $lists, the acquainted ones only with
// $acquainted_only (app/kpis/scope_data.py picked). A list {key, field, value, how, by} holds
// the KPI pieces whose property `field` equals `value` (closeness_bucket 'opposed', insighted
// false, acq true), ordered by account and contact id (`by` 'account') or by contact and
// account id ('contact'). `how` says where its pieces are read from:
// - 'accounts': the pieces of the accounts $account_ids (a team's or an employee's scope),
//   read once for every list;
// - 'ordered': a company's list that holds many key persons, from an index that holds the
//   list's value and acquaintance before the ids: a degree's bucket or insight (by account,
//   V036), or acquaintance (by contact). Neo4j reads an index in the list's order when the
//   ORDER BY names the properties held equal first, so each read starts at the list's first
//   entry and stops once $limit are valid on $as_of. A list of every key person reads its
//   acquainted and its other key persons so, and keeps the first $limit of both;
// - 'seek': a company's list that holds few (an ordered read would pass every piece of its
//   value that ended before $as_of): the pieces with that value ending after $as_of, from a
//   composite index of the value and the end, then sorted.
// One list: Graph.read_list.
CALL () {
  UNWIND coalesce($account_ids, []) AS account_id
  MATCH (p:KpiPiece {account_id: account_id})
  USING INDEX p:KpiPiece(account_id)
  WHERE <<within p>> AND (NOT $acquainted_only OR p.acq)
  RETURN collect(p) AS held
}
UNWIND $lists AS list
CALL (list, held) {
  CALL (list, held) {
    <<each field in closeness_bucket, solution_bucket, price_bucket, insighted>>
    WITH list WHERE list.how = 'ordered' AND list.field = '<<field>>' AND list.by = 'account'
    UNWIND CASE WHEN $acquainted_only THEN [true] ELSE [false, true] END AS acq
    CALL (list, acq) {
      MATCH (p:KpiPiece)
      USING INDEX p:KpiPiece(<<field>>, acq, account_id, contact_id)
      WHERE p.<<field>> = list.value AND p.acq = acq AND p.account_id IS NOT NULL
        AND p.contact_id IS NOT NULL AND <<within p>>
      WITH p ORDER BY p.<<field>>, p.acq, p.account_id, p.contact_id LIMIT $limit
      RETURN p
    }
    RETURN p
    UNION
    <</each>>
    WITH list WHERE list.how = 'ordered' AND list.field = 'acq' AND list.by = 'contact'
    CALL (list) {
      MATCH (p:KpiPiece)
      USING INDEX p:KpiPiece(acq, contact_id, account_id)
      WHERE p.acq = list.value AND p.contact_id IS NOT NULL AND p.account_id IS NOT NULL
        AND <<within p>>
      WITH p ORDER BY p.acq, p.contact_id, p.account_id LIMIT $limit
      RETURN p
    }
    RETURN p
    UNION
    <<each field in closeness_bucket, solution_bucket, price_bucket, insighted, acq>>
    WITH list WHERE list.how = 'seek' AND list.field = '<<field>>'
    CALL (list) {
      MATCH (p:KpiPiece)
      USING INDEX p:KpiPiece(<<field>>, until)
      WHERE p.<<field>> = list.value AND p.until > $as_of
      RETURN p
    }
    RETURN p
    UNION
    <</each>>
    WITH list, held WHERE list.how = 'accounts'
    UNWIND held AS p
    RETURN p
  }
  WITH p
  WHERE <<within p>> AND p[list.field] = list.value AND (NOT $acquainted_only OR p.acq)
  // Its properties read once: a piece that a write of its contact replaced after this read
  // found it (read committed) reads as nulls from then on, and is left out.
  WITH p {.contact_id, .account_id, .closeness} AS person
  WHERE person.contact_id IS NOT NULL AND person.account_id IS NOT NULL
  WITH person
  ORDER BY CASE list.by WHEN 'contact' THEN person.contact_id ELSE person.account_id END,
           CASE list.by WHEN 'contact' THEN person.account_id ELSE person.contact_id END
  LIMIT $limit
  RETURN collect(person) AS people
}
RETURN collect({key: list.key, people: people}) AS rows
