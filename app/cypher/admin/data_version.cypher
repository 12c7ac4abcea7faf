// The epoch changes whenever the node is created anew (a wiped graph), so keys never repeat.
OPTIONAL MATCH (v:DataVersion {id: 'graph'})
RETURN coalesce(v.epoch, 'none') + ':' + toString(coalesce(v.version, 0)) AS version
