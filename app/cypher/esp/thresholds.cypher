MATCH (t:EspThreshold)
RETURN t.industry AS industry, t.top_percent AS top_percent
ORDER BY industry
