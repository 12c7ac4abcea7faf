"""Headers on every response: answers carry personal data (names, titles, who moves whom); HEAD
answered as GET is."""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The web app's built assets hold no data: they keep the browser's usual revalidation.
ASSETS = "/static/"


def secure(headers: MutableHeaders, path: str) -> None:
    """No answer is kept by a browser or a proxy, nor read as another type than it declares (a
    JSON answer holding names and free text taken for HTML or script)."""
    headers["X-Content-Type-Options"] = "nosniff"
    if not path.startswith(ASSETS):
        headers["Cache-Control"] = "no-store"


class ResponseHeaders:
    """secure() on every response that passes the app's middleware (the 500 handler, which
    answers outside it, calls secure() itself)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                secure(MutableHeaders(scope=message), scope["path"])
            await send(message)

        await self.app(scope, receive, secured)


class HeadAsGet:
    """HEAD asks what GET would answer, without its body (monitors, link checkers and proxies
    ask so): FastAPI's routes declare GET alone, and would answer 405. The request runs as a
    GET, on a copy of the scope (the server keeps the original, and with it that no body is
    sent), with the same status and headers, Content-Length included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def bodiless(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, bodiless)
