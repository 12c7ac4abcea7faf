// Everyone working at the account on $as_of.
MATCH (a:Account {id: $id})
RETURN a.id AS account_id, COLLECT {
  MATCH (a)<-[w:WORKS_AT]-(c:Contact)
  WHERE <<valid w>>
  RETURN DISTINCT c {.id, .name, .title, .department,
                     key_person: <<key_person c>>,
                     top: coalesce(c.top_of_hierarchy, false)}
  ORDER BY c.id
  LIMIT $max_people
} AS people
