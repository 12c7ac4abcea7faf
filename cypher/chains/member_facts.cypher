// What the decision chain needs of its members, in one round trip instead of three: their
// place in the graph, the attitudes of every perspective in $towards, and our reach and the
// rivals' hold. Each part is its own file, run as a subquery over the same parameters.
CALL () {
<<include features/structure>>
}
WITH rows AS structure
CALL () {
<<include features/attitudes>>
}
WITH structure, rows AS attitudes
CALL () {
<<include chains/reach>>
}
RETURN structure, attitudes, rows AS reach
