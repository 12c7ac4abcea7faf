// One account's ESP+ evaluation in force on $as_of (no row for an unknown account).
MATCH (a:Account {id: $id})
CALL (a) {
  <<include esp/in_force>>
}
RETURN current
