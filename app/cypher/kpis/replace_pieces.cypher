// The KPI pieces in $gone ({contact_id, account_id, since}) replaced by $pieces, and $days
// ({day, v}: the change of each day's vector, by day) added to the company's day rollups.
// Rollups are locked before they are read, in day order (no deadlock between two writes). A
// rollup that comes to zero stays, adding nothing: deleted, a write that had found it before
// taking its lock could read a vector of nulls and fail (the likely cause of a 500 seen once).
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
}
