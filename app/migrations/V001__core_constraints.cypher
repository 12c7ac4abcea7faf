// Ids are unique across every kind of node: each node also carries the :Entity label.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
// Per-kind uniqueness gives each kind an index-backed anchor (MATCH (c:Contact {id: $id})).
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT team_id IF NOT EXISTS FOR (n:Team) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT employee_id IF NOT EXISTS FOR (n:Employee) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contact_id IF NOT EXISTS FOR (n:Contact) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT competitor_id IF NOT EXISTS FOR (n:Competitor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT competitor_staff_id IF NOT EXISTS FOR (n:CompetitorStaff) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT opportunity_id IF NOT EXISTS FOR (n:Opportunity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT activity_id IF NOT EXISTS FOR (n:Activity) REQUIRE n.id IS UNIQUE;
// Assessments have no id of their own: contact, date, perspective and deal identify one.
CREATE CONSTRAINT assessment_key IF NOT EXISTS FOR (n:Assessment) REQUIRE n.key IS UNIQUE;
