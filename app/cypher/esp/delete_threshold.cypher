MATCH (t:EspThreshold {industry: $industry})
DELETE t
RETURN count(*) AS deleted
