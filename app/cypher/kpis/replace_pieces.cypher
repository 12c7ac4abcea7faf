// The KPI pieces in $gone ({contact_id, account_id, since}) replaced by $pieces, and $days
// ({day, v}: the change of each day's vector, by day) added to the company's day rollups; a
// rollup that comes to zero goes. Rollups are locked before they are read, in day order (no
// deadlock between two writes).
CALL () {
  UNWIND $gone AS old
  MATCH (p:KpiPiece {contact_id: old.contact_id})
  WHERE p.account_id = old.account_id AND p.since = old.since
  DELETE p
}
CALL () {
  UNWIND $pieces AS piece
  CREATE (p:KpiPiece)
  SET p = piece
}
CALL () {
  UNWIND $days AS d
  MERGE (k:KpiCompanyDay {day: d.day})
  ON CREATE SET k.v = [x IN d.v | 0]
  SET k._lock = true
  REMOVE k._lock
  SET k.v = [i IN range(0, size(d.v) - 1) | k.v[i] + d.v[i]]
  WITH k WHERE all(x IN k.v WHERE x = 0)
  DELETE k
}
