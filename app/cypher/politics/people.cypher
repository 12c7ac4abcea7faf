// Everyone working at the account on $as_of, with whether we see them holding a veto or
// approving (the last value on $as_of of our general assessments' timelines, as in
// features/our_attitudes; null: not known).
MATCH (a:Account {id: $id})
RETURN a.id AS account_id, COLLECT {
  MATCH (a)<-[w:WORKS_AT]-(c:Contact)
  WHERE <<valid w>>
  RETURN DISTINCT c {.id, .name, .title, .department,
                     key_person: <<key_person c>>,
                     veto: <<general c veto>>, approver: <<general c approver>>,
                     top: coalesce(c.top_of_hierarchy, false)}
  ORDER BY c.id
  LIMIT $max_people
} AS people
