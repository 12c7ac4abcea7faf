"""Read-your-own-writes across API workers: Neo4j bookmarks in a request and response header.

A worker's own transactions are chained by its driver's bookmark manager (app.db.graph). A
client that writes through one worker and must see the write through another, behind a load
balancer and against a cluster, sends the `Neo4j-Bookmarks` header of the write's response
with its next request; every transaction of that request then waits until the server it
runs on has applied those writes.
"""

import re
from contextvars import ContextVar
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import InvalidBookmarks, render

HEADER = "Neo4j-Bookmarks"
MAX_BOOKMARKS = 16
# Bookmarks are opaque to clients; Neo4j 5 writes them as a prefix and base64 text.
_BOOKMARK = re.compile(r"[A-Za-z0-9:+/=_.-]{1,512}")


@dataclass
class RequestBookmarks:
    sent: tuple[str, ...] = ()
    written: tuple[str, ...] = ()


# One per request, set by CausalConsistency; tasks a request starts share it.
current: ContextVar[RequestBookmarks | None] = ContextVar("bookmarks", default=None)


def parse(header: str) -> tuple[str, ...] | None:
    """The bookmarks of a header value, or None if it is not a list of bookmarks."""
    values = tuple(v.strip() for v in header.split(",") if v.strip())
    if len(values) > MAX_BOOKMARKS or not all(_BOOKMARK.fullmatch(v) for v in values):
        return None
    return values


class CausalConsistency:
    """Takes the client's bookmarks from the request; returns the request's writes' bookmarks."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = dict(scope.get("headers", [])).get(HEADER.lower().encode())
        sent = parse(raw.decode("latin-1")) if raw is not None else ()
        if sent is None:
            refusal = InvalidBookmarks(
                f"the {HEADER} header must be a comma-separated list of at most {MAX_BOOKMARKS} "
                "bookmarks, as the response to a write returned them")
            await render(refusal)(scope, receive, send)
            return
        bookmarks = RequestBookmarks(sent)
        token = current.set(bookmarks)

        async def send_with_bookmarks(message: Message) -> None:
            if message["type"] == "http.response.start" and bookmarks.written:
                headers = list(message.get("headers", []))
                headers.append((HEADER.lower().encode(),
                                ",".join(bookmarks.written).encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_bookmarks)
        finally:
            current.reset(token)
