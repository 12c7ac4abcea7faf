// Anchors and filters of the analysis queries: key persons, deal status and close dates,
// dated history, focus flags, and person search by name.
CREATE INDEX contact_key_person IF NOT EXISTS FOR (n:Contact) ON (n.key_person);
CREATE INDEX contact_account IF NOT EXISTS FOR (n:Contact) ON (n.account_id);
CREATE INDEX opportunity_status_closed IF NOT EXISTS FOR (n:Opportunity) ON (n.status, n.closed_at);
CREATE INDEX opportunity_account IF NOT EXISTS FOR (n:Opportunity) ON (n.account_id);
CREATE INDEX account_focus IF NOT EXISTS FOR (n:Account) ON (n.focus);
CREATE INDEX assessment_contact_at IF NOT EXISTS FOR (n:Assessment) ON (n.contact_id, n.at);
CREATE INDEX activity_at IF NOT EXISTS FOR (n:Activity) ON (n.at);
CREATE TEXT INDEX contact_name IF NOT EXISTS FOR (n:Contact) ON (n.name);
CREATE TEXT INDEX employee_name IF NOT EXISTS FOR (n:Employee) ON (n.name);
CREATE TEXT INDEX account_name IF NOT EXISTS FOR (n:Account) ON (n.name);
