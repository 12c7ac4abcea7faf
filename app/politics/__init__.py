"""The political map (政治版图) of an account and its hidden influencers."""
