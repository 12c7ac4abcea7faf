// Template: <<label>> is a Kind. Keyset pagination in id order.
MATCH (n:<<label>>)
WHERE ($after IS NULL OR n.id > $after)
  AND ($account_id IS NULL OR n.account_id = $account_id)
RETURN n {.*} AS node
ORDER BY n.id
LIMIT $limit
