"""Influence paths: who in our company can move this person (DOMAIN.md section 6)."""
