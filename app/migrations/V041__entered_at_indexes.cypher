// The lists of each kind filtered by when a record last changed (GET /v1/contacts?changed_since=):
// a sync reads what changed since its last run without reading every record.
CREATE RANGE INDEX account_entered_at IF NOT EXISTS FOR (n:Account) ON (n.entered_at);
CREATE RANGE INDEX team_entered_at IF NOT EXISTS FOR (n:Team) ON (n.entered_at);
CREATE RANGE INDEX employee_entered_at IF NOT EXISTS FOR (n:Employee) ON (n.entered_at);
CREATE RANGE INDEX contact_entered_at IF NOT EXISTS FOR (n:Contact) ON (n.entered_at);
CREATE RANGE INDEX competitor_entered_at IF NOT EXISTS FOR (n:Competitor) ON (n.entered_at);
CREATE RANGE INDEX third_party_entered_at IF NOT EXISTS FOR (n:ThirdParty) ON (n.entered_at);
CREATE RANGE INDEX opportunity_entered_at IF NOT EXISTS FOR (n:Opportunity) ON (n.entered_at);
