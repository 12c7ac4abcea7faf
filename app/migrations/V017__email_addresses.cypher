// E-mail addresses of people (contacts and employees): one EmailAddress node per address and
// kind of person, keyed `<kind>|<address>`, linked from its person by HAS_EMAIL. A list
// property cannot carry a uniqueness constraint; this key can, so that two contacts (or two
// employees) never share an address even when two writes race. Capture finds people by
// address through the second index.
CREATE CONSTRAINT email_address_key IF NOT EXISTS FOR (n:EmailAddress) REQUIRE n.key IS UNIQUE;
CREATE INDEX email_address_address IF NOT EXISTS FOR (n:EmailAddress) ON (n.address);
