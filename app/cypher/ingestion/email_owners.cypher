// The person each stored address of $keys (`<kind>|<address>`, migration V017) belongs to.
// One list: Graph.read_list.
UNWIND $keys AS key
MATCH (a:EmailAddress {key: key})<-[:HAS_EMAIL]-(p:Entity)
RETURN collect({key: key, id: p.id}) AS rows
