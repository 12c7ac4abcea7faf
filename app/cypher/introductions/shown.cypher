// Part, inside CALL (i) { ... }: introduction `i` as answered, with what both parties may know
// of it by name: the requester, the contact (title and account: the colleague asked decides
// on whom they are asked about) and the deal. (`i` is matched again, bound: the part reads as a
// query of its own too.)
MATCH (i:Introduction)
OPTIONAL MATCH (r:Employee {id: i.requester_id})
OPTIONAL MATCH (c:Contact {id: i.contact_id})
OPTIONAL MATCH (a:Account {id: c.account_id})
OPTIONAL MATCH (o:Opportunity {id: i.opportunity_id})
RETURN i {.*, created_at: toString(i.created_at), updated_at: toString(i.updated_at),
          requester_name: r.name, contact_name: c.name, contact_title: c.title,
          account_id: a.id, account_name: a.name, opportunity_name: o.name} AS introduction
