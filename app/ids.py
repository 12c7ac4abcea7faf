"""Ids in paths: each is one whole segment, `/` and `%` included when sent encoded.

Ids may hold "/" (CRM ids often do). The server decodes the path before routing, so
/v1/accounts/a%2Fb/strategy reached the router as /v1/accounts/a/b/strategy, which no route
of account "a/b" matches. RawSegments routes on the path with %2F (and %25) left encoded,
and the `segment` convertor, used by every path parameter, decodes them within its segment.
"""

import re
from urllib.parse import quote, unquote

from starlette.convertors import Convertor, register_url_convertor
from starlette.types import ASGIApp, Receive, Scope, Send

_SLASH = re.compile("%2F", re.IGNORECASE)


class Segment(Convertor[str]):
    regex = "[^/]+"

    def convert(self, value: str) -> str:
        return unquote(value)

    def to_string(self, value: str) -> str:
        return quote(value, safe="")


register_url_convertor("segment", Segment())


def segment(name: str) -> str:
    """A path parameter of one whole segment, decoded (this module's doc)."""
    return f"{{{name}:segment}}"


ID = segment("id")


def within_segments(raw_path: str) -> str:
    """The path decoded but for `/` and `%` inside a segment, which stay %2F and %25."""
    return "%2F".join(unquote(part).replace("%", "%25") for part in _SLASH.split(raw_path))


class RawSegments:
    """Routes on the raw path, decoded by within_segments."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = scope.get("raw_path")
        # Only a raw path with escapes differs; servers give raw paths in ASCII (uvicorn).
        if scope["type"] == "http" and raw and b"%" in raw and raw.isascii():
            scope = {**scope, "path": within_segments(raw.decode("ascii"))}
        await self.app(scope, receive, send)
