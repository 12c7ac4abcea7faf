// Search by name, title, department and pinyin (app/search/keys.py): one normalised key per
// searchable node, kept by every write, found through these text indexes. The keys of nodes
// stored before this version are computed after these statements, by app/search/backfill.py
// (a data step: the pinyin is Python's).
CREATE TEXT INDEX contact_search IF NOT EXISTS FOR (n:Contact) ON (n.search);
CREATE TEXT INDEX account_search IF NOT EXISTS FOR (n:Account) ON (n.search);
CREATE TEXT INDEX opportunity_search IF NOT EXISTS FOR (n:Opportunity) ON (n.search);
CREATE TEXT INDEX employee_search IF NOT EXISTS FOR (n:Employee) ON (n.search);
