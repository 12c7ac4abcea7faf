"""ETags of single nodes: a digest of the node's own properties, so that two people editing
the same record notice each other (If-Match on upserts)."""

import hashlib
from typing import Any

import orjson

from app.domain import written


def node_etag(props: dict[str, Any]) -> str:
    """A strong ETag (quoted) of a node's properties as written (derived ones left out: a new
    assessment of a contact does not change the contact)."""
    body = orjson.dumps(written(props), option=orjson.OPT_SORT_KEYS, default=str)
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_match: str, etag: str) -> bool:
    """RFC 9110 If-Match: `*` or a list of entity tags, compared strongly (a weak tag never
    matches)."""
    tags = [t.strip() for t in if_match.split(",")]
    return "*" in tags or etag in tags
