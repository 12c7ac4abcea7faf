// Usernames are matched without regard to case or width (app/auth/schemas.py Username): the
// ones created before are kept in lower case too. Two that are one in lower case (Li.Ming and
// li.ming) both stay as they are: their people sign in with their tokens until an admin gives
// them others.
MATCH (p:Principal)
WHERE p.username IS NOT NULL
WITH toLower(normalize(p.username, NFKC)) AS folded, collect(p) AS holders
WHERE size(holders) = 1 AND holders[0].username <> folded
WITH holders[0] AS p, folded
SET p.username = folded;
