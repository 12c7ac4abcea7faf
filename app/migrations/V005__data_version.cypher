// One node counts writes to the graph; caches of derived figures are keyed by its version.
CREATE CONSTRAINT data_version_id IF NOT EXISTS FOR (v:DataVersion) REQUIRE v.id IS UNIQUE;
