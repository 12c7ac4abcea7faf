// What a tracked action names, as stored: the account (given, or the deal's), the deal's and
// the contact's accounts, whether the competitor and the owning employee exist. One row;
// a null where there is no such record.
OPTIONAL MATCH (o:Opportunity {id: $opportunity_id})
WITH o, coalesce($account_id, o.account_id) AS account_id
OPTIONAL MATCH (a:Account {id: account_id})
OPTIONAL MATCH (c:Contact {id: $contact_id})
OPTIONAL MATCH (k:Competitor {id: $competitor_id})
OPTIONAL MATCH (e:Employee {id: $owner_id})
RETURN a.id AS account_id, o.id AS opportunity_id, c.account_id AS contact_account_id,
       k.id AS competitor_id, e.id AS owner_id
