// The stored activities among $ids with what capture compares: when, what, and who took part.
// One list: Graph.read_list.
UNWIND $ids AS id
MATCH (act:Activity {id: id})
RETURN collect({id: act.id, at: act.at, at_time: act.at_time, type: act.type,
                summary: act.summary,
                employee_ids: [(e:Employee)-[:PARTICIPATED_IN]->(act) | e.id],
                contact_ids: [(act)-[:WITH_CONTACT]->(c:Contact) | c.id]}) AS rows
