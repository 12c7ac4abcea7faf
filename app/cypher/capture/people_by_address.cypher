// The contacts and employees who have each of $addresses (normalised, migration V017).
// One list: Graph.read_list.
UNWIND $addresses AS address
MATCH (a:EmailAddress {address: address})<-[:HAS_EMAIL]-(p:Entity)
RETURN collect({address: address, kind: a.kind, id: p.id}) AS rows
