MERGE (t:EspThreshold {industry: $industry})
SET t.top_percent = $top_percent
