"""ESP+ strategy recommendation and action lists per account and per opportunity."""
