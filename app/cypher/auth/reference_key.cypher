// The key of colleague references (app/auth/references.py): made by the first process to
// start against this database, read by every later one. The constraint of V009 makes
// concurrent first starts agree on one node.
MERGE (k:ReferenceKey {id: 'colleague-references'})
  ON CREATE SET k.key = $generated
RETURN k.key AS key
