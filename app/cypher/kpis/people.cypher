// Names and places of the few key persons a list shows.
UNWIND $contact_ids AS contact_id
MATCH (c:Contact {id: contact_id})
RETURN c.id AS contact_id, c.name AS name, c.department AS department, c.title AS title
