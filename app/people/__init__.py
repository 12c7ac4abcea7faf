"""Who works here and who is in which team, as of a date: the reads that access control,
scopes and the analyses share (neither auth nor a domain owns them)."""
