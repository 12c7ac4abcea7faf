// The account an object belongs to (an account is its own); no row for an unknown id, or for
// one of another kind than $kind (any of the three when null).
MATCH (n:Entity {id: $id})
WHERE (n:Account OR n:Contact OR n:Opportunity) AND ($kind IS NULL OR $kind IN labels(n))
RETURN CASE WHEN n:Account THEN n.id ELSE n.account_id END AS account_id
