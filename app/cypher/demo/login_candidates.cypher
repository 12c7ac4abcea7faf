// Whom the demo logins belong to: the first team's lead and a member of it who owns accounts.
MATCH (t:Team)-[:LED_BY]->(lead:Employee)
WITH t, lead ORDER BY t.id LIMIT 1
OPTIONAL MATCH (rep:Employee)-[:MEMBER_OF]->(t)
WHERE rep <> lead AND EXISTS { (rep)-[:OWNS]->(:Account) }
WITH lead, rep ORDER BY rep.id LIMIT 1
RETURN lead.id AS lead_id, lead.name AS lead_name, rep.id AS rep_id, rep.name AS rep_name
