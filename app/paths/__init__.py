"""Influence paths: who in our company can move this person (docs/domain.md section 5)."""
