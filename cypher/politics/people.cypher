// Everyone working at the account on $as_of.
MATCH (a:Account {id: $id})
RETURN a.id AS account_id, COLLECT {
  MATCH (a)<-[w:WORKS_AT]-(c:Contact)
  WHERE (w.since IS NULL OR w.since <= $as_of) AND (w.until IS NULL OR w.until > $as_of)
  RETURN DISTINCT c {.id, .name, .title, .department,
                     key_person: coalesce(c.key_person, false),
                     top: coalesce(c.top_of_hierarchy, false)}
  ORDER BY c.id
  LIMIT $max_people
} AS people
