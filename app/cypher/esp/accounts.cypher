// Every account (in id order, at most $max_accounts) with its ESP+ evaluations in force on
// $as_of and the one before, as one list in parts (Graph.read_list).
MATCH (a:Account)
WITH a ORDER BY a.id LIMIT $max_accounts
CALL (a) {
  <<include esp/in_force>>
}
WITH collect({account_id: a.id, name: a.name, industry: a.industry,
              override: a.key_account_override, current: current, previous: previous}) AS rows
<<include db/in_parts with rows>>
