"""Who is calling: bearer tokens resolved to principals."""
