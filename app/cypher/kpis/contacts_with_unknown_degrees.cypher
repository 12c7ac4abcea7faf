// The contacts one of whose degrees we recorded as unknown at some time (in our general
// timelines, ingestion/our_assessment_days): the pieces of such a contact counted it as
// insighted on those days before V040.
MATCH (c:Contact)
WHERE $unknown IN c.us_closeness OR $unknown IN c.us_solution OR $unknown IN c.us_price
RETURN c.id AS id
ORDER BY id
