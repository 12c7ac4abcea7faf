"""Application errors rendered as RFC 9457 problem details; nothing else reaches a client."""

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import (
    ClientError,
    ConnectionPoolError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from pydantic import BaseModel, Field, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import Scope

from app.headers import secure

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
MAX_ERRORS = 100
# The values a problem's message names, by name (FieldError.params).
Params = dict[str, str | int | float | bool]


class FieldError(BaseModel):
    path: str = Field(examples=["contacts[3].account_id"])
    message: str = Field(examples=["unknown id 'a-9'; expected Account"],
                         description="What is wrong, in English")
    code: str = Field(examples=["unknown_id"], description="What is wrong, as a stable name "
                      "for a client to say in its users' language: pydantic's error type where "
                      "a value has the wrong form (missing, string_too_long, enum ...), ours for "
                      "the rest (docs/api.md lists them)")
    params: Params | None = Field(
        None, examples=[{"id": "a-9", "expected": "Account"}],
        description="The values the message names, by name, for the client's own sentence")
    row: int | None = Field(None, examples=[5], description="Spreadsheet imports: the row in "
                            "the file (the header is row 1)")
    column: str | None = Field(None, examples=["account_id"],
                               description="Spreadsheet imports: the column")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field(examples=["/problems/validation"])
    title: str = Field(examples=["Unprocessable Content"])
    status: int = Field(examples=[422])
    detail: str = Field(examples=["2 validation error(s); nothing was written"])
    errors: list[FieldError] | None = Field(
        None, description=f"What is wrong, where: at most {MAX_ERRORS} (see errors_omitted)")
    errors_omitted: int | None = Field(
        None, examples=[250], description=f"How many errors past the first {MAX_ERRORS} are not listed")


class AppError(Exception):
    status = 500
    title = "Internal Server Error"
    type = "about:blank"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class NotFound(AppError):
    status, title, type = 404, "Not Found", "/problems/not-found"


class Unauthorized(AppError):
    status, title, type = 401, "Unauthorized", "/problems/unauthorized"


class Forbidden(AppError):
    status, title, type = 403, "Forbidden", "/problems/forbidden"


class Conflict(AppError):
    status, title, type = 409, "Conflict", "/problems/conflict"


class TooManyRequests(AppError):
    """Refused for now; `retry_after_s` says when to try again."""

    status, title, type = 429, "Too Many Requests", "/problems/too-many-requests"


class PreconditionFailed(AppError):
    status, title, type = 412, "Precondition Failed", "/problems/precondition-failed"


class PayloadTooLarge(AppError):
    status, title, type = 413, "Payload Too Large", "/problems/payload-too-large"


class BodyTooLarge(StarletteHTTPException):
    """A body past the cap, found while it is read (app/limits.py): answered as PayloadTooLarge.
    An HTTPException because FastAPI lets those through its reading of a JSON body; any other
    fault there becomes its own 400 about a body it could not parse."""

    def __init__(self, detail: str) -> None:
        super().__init__(PayloadTooLarge.status, detail)


class InvalidBookmarks(AppError):
    status, title, type = 400, "Bad Request", "/problems/invalid-bookmarks"


class ValidationFailed(AppError):
    status, title, type = 422, "Unprocessable Content", "/problems/validation"

    def __init__(self, errors: Sequence[Mapping[str, object]], detail: str | None = None) -> None:
        super().__init__(detail or f"{len(errors)} validation error(s); nothing was written")
        self.extra = {"errors": list(errors)}
        self.said_for_writes = detail is None

    def for_method(self, method: str) -> "ValidationFailed":
        """Itself, or for a read (GET, HEAD) the same without "nothing was written": a read
        writes nothing anyway."""
        if not self.said_for_writes or method not in ("GET", "HEAD"):
            return self
        return ValidationFailed(self.extra["errors"], f"{len(self.extra['errors'])} validation "
                                                     "error(s)")


class DatabaseUnavailable(AppError):
    status, title, type = 503, "Service Unavailable", "/problems/database-unavailable"


class QueryTimeout(AppError):
    status, title, type = 504, "Gateway Timeout", "/problems/query-timeout"


def documented(status: int, description: str) -> dict[int | str, dict[str, Any]]:
    """A `responses=` entry for OpenAPI: the problem+json an endpoint may answer."""
    return {status: {"description": description,
                     "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}}


def problem(status: int, title: str, type_: str, detail: str, **extra: Any) -> JSONResponse:
    errors = extra.get("errors")
    if errors is not None and len(errors) > MAX_ERRORS:
        # Each error repeats its path and a sentence: a document of many short bad rows got
        # back an answer larger than itself.
        omitted = len(errors) - MAX_ERRORS
        extra = {**extra, "errors": errors[:MAX_ERRORS], "errors_omitted": omitted}
        detail = f"{detail}; the first {MAX_ERRORS} are listed, {omitted} more are not"
    body = {"type": type_, "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def render(exc: AppError) -> JSONResponse:
    """An AppError as its problem+json response (also an ASGI app, for middleware)."""
    return problem(exc.status, exc.title, exc.type, exc.detail, **exc.extra)


def error_path(loc: tuple[int | str, ...] | list[int | str]) -> str:
    """('contacts', 3, 'account_id') -> 'contacts[3].account_id'. Pydantic's names of its own
    validators in a location (`function-after[_in_range(), datetime]`) and the tags of a union
    (app/dates.py's `(day)`) name nothing of the input, and are left out."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif "[" in part or "(" in part:
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


# One entry of a problem's `errors` (FieldError): spreadsheet imports add its row and column.
ProblemEntry = dict[str, Any]


def field_problem(path: str, code: str, message: str, **params: str | int | float | bool
                  ) -> ProblemEntry:
    """One entry of a problem's errors: where, what as a stable code with the values its message
    names (a client says it in its users' language), and the English message."""
    entry: ProblemEntry = {"path": path, "code": code, "message": message}
    if params:
        entry["params"] = params
    return entry


def _plain(ctx: Mapping[str, Any] | None) -> Params:
    """The values of a pydantic error's context a message may name, as JSON values (a pattern
    or a set of values said as text); a validator's exception is the message itself."""
    return {name: value if isinstance(value, str | int | float | bool) else str(value)
            for name, value in (ctx or {}).items() if not isinstance(value, Exception)}


def broken(code: str, message: str, **params: str | int | float | bool) -> PydanticCustomError:
    """A rule of an input model broken, as a validator raises it: its code and params reach the
    problem entry (`message` may name params as {name})."""
    return PydanticCustomError(code, message, params or None)


def all_broken(model: str, rules: list[PydanticCustomError]) -> ValidationError:
    """Several rules of one model broken at once, each its own problem entry."""
    return ValidationError.from_exception_data(model, [
        InitErrorDetails(type=rule, loc=(), input=None) for rule in rules])


def problems_of(errors: Iterable[Any], prefix: tuple[int | str, ...] = ()) -> list[ProblemEntry]:
    """Pydantic's errors as problem+json entries, each path and message once: a value that fits
    no member of a union (a date or a date-time) fails each member alike."""
    found: dict[tuple[str, str], ProblemEntry] = {}
    for e in errors:
        path = error_path(prefix + tuple(e["loc"]))
        found.setdefault((path, e["msg"]), field_problem(path, e["type"], e["msg"],
                                                         **_plain(e.get("ctx"))))
    return list(found.values())


def request_problems(exc: RequestValidationError) -> list[ProblemEntry]:
    """The problems FastAPI found in a request's parameters and body, as problem+json entries."""
    errors = [invalid_json(e["ctx"]["error"], e["loc"][-1])
              for e in exc.errors() if e["type"] == "json_invalid"]
    return errors + problems_of(
        {**e, "loc": [p for p in e["loc"] if p not in ("body", "query", "path")]}
        for e in exc.errors() if e["type"] != "json_invalid")


def invalid_json(reason: str, position: int) -> ProblemEntry:
    """The error of a body that is not JSON, the same for the import and every other body."""
    return field_problem("", "json_invalid", f"invalid JSON at character {position}: {reason}",
                         position=position)


def _retry_after_headers(seconds: int) -> dict[str, str]:
    return {"Retry-After": str(seconds)}


ROUTING_TYPES = {404: NotFound.type, 405: "/problems/method-not-allowed"}
METHOD_ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]


def allowed_methods(app: FastAPI, scope: Scope) -> list[str]:
    """Every method some route of the path takes, HEAD wherever GET is (HeadAsGet): Starlette's
    Allow names those of the first route that matched the path alone."""
    taken = [method for method in METHOD_ORDER if method != "HEAD" and any(
        route.matches({**scope, "method": method})[0] == Match.FULL for route in app.router.routes)]
    return [m for m in METHOD_ORDER if m in taken or (m == "HEAD" and "GET" in taken)]


def install_error_handlers(app: FastAPI, retry_after_s: int) -> None:
    @app.exception_handler(AppError)
    async def app_error(request: Request, exc: AppError) -> JSONResponse:
        response = render(exc.for_method(request.method)
                          if isinstance(exc, ValidationFailed) else exc)
        if exc.status == 503:
            response.headers.update(_retry_after_headers(retry_after_s))
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        if isinstance(exc, TooManyRequests):
            response.headers.update(_retry_after_headers(exc.extra["retry_after_s"]))
        return response

    @app.exception_handler(RequestValidationError)
    async def request_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Said as every other 422: a write's says that nothing was written.
        return render(ValidationFailed(request_problems(exc)).for_method(request.method))

    @app.exception_handler(BodyTooLarge)
    async def too_large(_: Request, exc: BodyTooLarge) -> JSONResponse:
        return render(PayloadTooLarge(exc.detail))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # A route that does not exist is as unknown as an id.
        kind = ROUTING_TYPES.get(exc.status_code, "about:blank")
        response = problem(exc.status_code, str(exc.detail), kind, str(exc.detail))
        response.headers.update(exc.headers or {})
        if exc.status_code == 405:
            # No route takes the path: the static files refused it, which take GET and HEAD.
            response.headers["Allow"] = ", ".join(allowed_methods(app, request.scope) or ["GET", "HEAD"])
        return response

    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(ConnectionPoolError)
    @app.exception_handler(SessionExpired)
    async def db_down(_: Request, exc: Exception) -> JSONResponse:
        log.warning("database unavailable: %s", exc)
        response = problem(503, DatabaseUnavailable.title, DatabaseUnavailable.type,
                           "The graph database is unreachable; retry shortly.")
        response.headers.update(_retry_after_headers(retry_after_s))
        return response

    @app.exception_handler(TransientError)
    @app.exception_handler(ClientError)
    async def db_error(_: Request, exc: Exception) -> JSONResponse:
        code = getattr(exc, "code", "") or ""
        if "TransactionTimedOut" in code or "Transaction.Terminated" in code:
            return problem(504, QueryTimeout.title, QueryTimeout.type,
                           "The query ran past its time budget; narrow it (fewer hops, a limit).")
        if "LockClientStopped" in code:
            # Ended at its time budget while it waited for another transaction's lock.
            return problem(504, QueryTimeout.title, QueryTimeout.type,
                           "The write waited on another one past its time budget; nothing was "
                           "written: send it again.")
        if "ConstraintValidationFailed" in code:
            # Validation checked ids and e-mail addresses before the write; a concurrent write
            # took one since, and the constraint refused this one whole.
            return render(Conflict("another write just took an id or an e-mail address this "
                                   "one gives; nothing was written: check and send it again"))
        if "InvalidBookmark" in code:
            return render(InvalidBookmarks(
                "the Neo4j-Bookmarks header holds a bookmark this database did not issue"))
        if isinstance(exc, TransientError):
            response = problem(503, DatabaseUnavailable.title, DatabaseUnavailable.type,
                               "The graph database is busy; retry shortly.")
            response.headers.update(_retry_after_headers(retry_after_s))
            return response
        log.error("database client error %s", code, exc_info=exc)
        return problem(500, "Internal Server Error", "about:blank", "Unexpected database error.")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error", exc_info=exc)
        response = problem(500, "Internal Server Error", "about:blank", "Unexpected error.")
        secure(response.headers, request.url.path)
        return response
