"""Introduction requests: how a rep meets a colleague who can move a key person."""
