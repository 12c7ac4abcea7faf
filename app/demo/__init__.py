"""Seeded demo data: a B2B vendor selling to banks, energy and manufacturing companies."""
