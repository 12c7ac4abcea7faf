"""Every problem of a request in one answer.

FastAPI checks each parameter against its type and lists every problem it finds. A check that
spans parameters (a period's two ends, the query string as a whole) runs in a dependency, and
a dependency that raised stopped FastAPI before it had checked the rest: `?since=2025-01-01&
limit=0` was answered `period_too_long` alone, and `limit` only once the period was mended. Such
a dependency notes its problems with `refuse_later` instead and carries on. CheckedRoute, the
route class of every router, answers them once FastAPI has checked every parameter: together
with FastAPI's own problems in one 422 (`errors` lists all), or alone, before the route runs.
"""

import inspect
from collections.abc import Callable, Coroutine, Sequence
from contextvars import ContextVar
from functools import wraps
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

from app.errors import ProblemEntry, ValidationFailed, request_problems

# The problems noted so far by the request being answered; None outside a CheckedRoute.
_NOTED: ContextVar[list[ProblemEntry] | None] = ContextVar("noted_problems", default=None)


def refuse_later(problems: Sequence[ProblemEntry]) -> None:
    """Refuses the request for these problems, once every other parameter is checked too."""
    noted = _NOTED.get()
    if noted is None:
        raise ValidationFailed(problems)
    noted.extend(problems)


class CheckedRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, _after_noted(endpoint), **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            noted = _NOTED.set([])
            try:
                return await handler(request)
            except RequestValidationError as exc:
                problems = _NOTED.get()
                if problems:
                    raise ValidationFailed([*problems, *request_problems(exc)]) from None
                raise
            finally:
                _NOTED.reset(noted)

        return checked


def _after_noted(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """The route's function, run only when no dependency noted a problem; FastAPI reads its
    parameters through `wraps` (every endpoint here is `async def`: FastAPI runs a plain one on
    a worker thread, which this would hide)."""
    if not inspect.iscoroutinefunction(endpoint):
        raise TypeError(f"{endpoint.__qualname__} is a plain function: every route is async def")

    @wraps(endpoint)
    async def run(**values: Any) -> Any:
        problems = _NOTED.get()
        if problems:
            raise ValidationFailed(list(problems))
        _NOTED.set(None)  # from here on a problem found is refused at once
        return await endpoint(**values)

    return run
