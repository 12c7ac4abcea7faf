// Search by name covers deals too (contacts, employees and accounts have text indexes from V002).
CREATE TEXT INDEX opportunity_name IF NOT EXISTS FOR (n:Opportunity) ON (n.name);
