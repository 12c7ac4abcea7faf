// Every account some KPI piece names, in id order, for building every account's spans.
MATCH (p:KpiPiece)
WITH DISTINCT p.account_id AS id
WHERE id IS NOT NULL
RETURN id
ORDER BY id
