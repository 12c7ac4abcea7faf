"""One reader for every JSON request body: orjson, which the import document is read with.

FastAPI reads bodies with the standard library's json, which takes 1e400 as infinity and
accepts NaN and Infinity, none of which JSON has (RFC 8259); orjson refuses them. With two
readers, `POST /v1/opportunities` stored `amount: 1e400` (as null) where the same item in an
import document was refused. Every router with a request body uses JsonRoute.
"""

import tempfile
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any, BinaryIO, cast

import orjson
from pydantic import BaseModel, ConfigDict
from starlette.requests import Request
from starlette.responses import Response

from app.errors import PayloadTooLarge, ValidationFailed, field_problem
from app.routes import CheckedRoute

# orjson.JSONDecodeError is a json.JSONDecodeError: FastAPI answers it with a 422
# (type json_invalid), rendered by app.errors.invalid_json as the import's is.
loads = orjson.loads


JSON = "application/json"


def sent_as_json(request: Request) -> None:
    """A body said to be anything but JSON is refused, saying what to send: `curl -d` sends a
    form, which was answered "Input should be a valid dictionary". No media type at all is
    taken for JSON, as the import takes it (JsonRoute)."""
    declared = request.headers.get("content-type")
    media = (declared or JSON).split(";")[0].strip().lower()
    if media != JSON and not (media.startswith("application/") and media.endswith("+json")):
        raise ValidationFailed([field_problem("", "media_type", f"send {JSON}", accepted=JSON)],
                               detail=f"unsupported content type: send {JSON}; nothing was written")


class JsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = loads(await self.body())
        return self._json


class JsonRoute(CheckedRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        takes_json = self.body_field is not None

        async def read_with_orjson(request: Request) -> Response:
            scope = request.scope
            if takes_json:
                sent_as_json(request)
                if "content-type" not in request.headers:
                    # FastAPI reads a body without a media type as bytes: said to be JSON here.
                    scope = {**scope, "headers": [*scope["headers"], (b"content-type", JSON.encode())]}
            return await handler(JsonRequest(scope, request.receive))

        return read_with_orjson


async def _chunks(request: Request, max_bytes: int) -> AsyncIterator[bytes]:
    """The raw body as it arrives, refused (413) past `max_bytes` before more of it is read."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise PayloadTooLarge(f"the body is larger than {max_bytes} bytes")
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise PayloadTooLarge(f"the body is larger than {max_bytes} bytes")
        yield chunk


async def capped(request: Request, max_bytes: int) -> bytes:
    """The raw body, refused (413) past `max_bytes` before more of it is read."""
    return b"".join([chunk async for chunk in _chunks(request, max_bytes)])


async def spooled(request: Request, max_bytes: int, in_memory: int) -> BinaryIO:
    """The raw body as a file, at its start: held in memory up to `in_memory` bytes, in a
    temporary file past that (deleted when closed); refused (413) past `max_bytes`."""
    body = cast(BinaryIO, tempfile.SpooledTemporaryFile(max_size=in_memory))  # noqa: SIM115
    try:
        async for chunk in _chunks(request, max_bytes):
            body.write(chunk)
    except BaseException:
        body.close()
        raise
    body.seek(0)
    return body


class Body(BaseModel):
    """A JSON request body of a route: unknown fields are refused (422), as the import document
    refuses them, so a misspelt or made-up field is an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")
