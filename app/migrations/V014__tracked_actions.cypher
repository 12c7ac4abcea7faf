// Tracked actions (app/actions): unique ids, and the anchors of their lists (an account's
// actions, an owner's).
CREATE CONSTRAINT tracked_action_id IF NOT EXISTS FOR (n:TrackedAction) REQUIRE n.id IS UNIQUE;
CREATE INDEX tracked_action_account IF NOT EXISTS FOR (n:TrackedAction) ON (n.account_id);
CREATE INDEX tracked_action_owner IF NOT EXISTS FOR (n:TrackedAction) ON (n.owner_id);
