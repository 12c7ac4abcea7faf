"""Relationship intelligence for B2B key-account sales."""
