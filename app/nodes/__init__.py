"""Reads of single nodes and lists, with their edges."""
