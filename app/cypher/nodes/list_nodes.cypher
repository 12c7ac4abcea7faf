// Template: <<label>> is a Kind. Keyset pagination in id order, limited to the ids or account
// ids in $visible (the principal's perspective) unless it is null, and to the records whose
// own fields changed on or after $changed_since unless it is null.
MATCH (n:<<label>>)
WHERE ($after IS NULL OR n.id > $after)
  AND ($account_id IS NULL OR n.account_id = $account_id)
  AND ($changed_since IS NULL OR n.entered_at >= $changed_since)
  AND ($visible IS NULL OR n.id IN $visible OR n.account_id IN $visible)
RETURN n {.*} AS node
ORDER BY n.id
LIMIT $limit
