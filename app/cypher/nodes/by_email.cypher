// Template: <<label>> is a Kind. The person of that kind an address ($key: `<kind>|<address>`,
// migration V017) belongs to, within the ids or account ids in $visible unless it is null.
MATCH (:EmailAddress {key: $key})<-[:HAS_EMAIL]-(n:<<label>>)
WHERE $visible IS NULL OR n.id IN $visible OR n.account_id IN $visible
RETURN n {.*} AS node
LIMIT 1
