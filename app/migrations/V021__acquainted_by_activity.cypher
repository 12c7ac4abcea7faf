// Acquaintance by activity: (Employee)-[:IN_TOUCH {since, until, ats, ws}]->(Contact), one
// edge per run of days an employee's activity strength toward a contact reaches the
// acquainted threshold (app/network/touch.py). The edges for the activities stored before this
// version, and the KPI pieces that now count them, are built by its data step
// (app/data_steps.py). Read from the contact's side, by the relationship type alone: no index.
RETURN 1;
