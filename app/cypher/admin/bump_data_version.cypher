MERGE (v:DataVersion {id: 'graph'})
ON CREATE SET v.epoch = randomUUID()
SET v.version = coalesce(v.version, 0) + 1
RETURN v.version AS version
