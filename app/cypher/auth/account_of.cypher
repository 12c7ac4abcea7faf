// The account an object belongs to (an account is its own); no row for an unknown id.
MATCH (n:Entity {id: $id})
WHERE n:Account OR n:Contact OR n:Opportunity
RETURN CASE WHEN n:Account THEN n.id ELSE n.account_id END AS account_id
