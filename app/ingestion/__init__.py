"""Ingestion: validate whole documents, then write them in batched, idempotent transactions."""
