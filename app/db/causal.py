"""Read-your-own-writes across API workers: Neo4j bookmarks in a request and response header.

A worker's own transactions are chained by its driver's bookmark manager (app.db.graph). A
client that writes through one worker and must see the write through another, behind a load
balancer and against a cluster, sends the `Neo4j-Bookmarks` header of the write's response
with its next request; every transaction of that request then waits until the server it
runs on has applied those writes.

Only once the request is authenticated: a wait for a bookmark holds a pooled connection
until the server reaches it or gives up, so a stranger with a forged, well-formed bookmark
could otherwise hold the pool with requests that end in 401.
"""

import asyncio
import re
from collections.abc import Coroutine
from contextvars import Context, ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import InvalidBookmarks, render

T = TypeVar("T")
HEADER = "Neo4j-Bookmarks"
MAX_BOOKMARKS = 16
# Bookmarks are opaque to clients; Neo4j 5 writes them as a prefix and base64 text.
_BOOKMARK = re.compile(r"[A-Za-z0-9:+/=_.-]{1,512}")


@dataclass
class RequestBookmarks:
    sent: tuple[str, ...] = ()
    authenticated: bool = False
    written: tuple[str, ...] = ()

    @property
    def awaited(self) -> tuple[str, ...]:
        """The bookmarks this request's transactions wait for now (see the module's doc)."""
        return self.sent if self.authenticated else ()


# One per request, set by CausalConsistency; tasks a request starts share it (but detached ones).
current: ContextVar[RequestBookmarks | None] = ContextVar("bookmarks", default=None)


def authenticated() -> None:
    """The request's caller is known: its later transactions wait for the client's bookmarks."""
    request = current.get()
    if request is not None:
        request.authenticated = True


def detached(work: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
    """A task for work a request starts but does not own (an audit flush): in a context of its
    own, so that it does not wait for that request's client's bookmarks (a forged one would
    make it fail) nor report its writes as the request's."""
    return asyncio.get_running_loop().create_task(work, context=Context())


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
