"""Query errors as HTTP answers: one status per phase, one line a person can act on.

Handlers are registered on the app, so every route (the SPARQL endpoint, the lookups, the
named queries) answers a rejected, unparsable, failed, timed-out or crashed query alike:
``{"detail": "…"}`` with the status the error names.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from tradekg.graph.guard import QueryRejected
from tradekg.graph.workers import QueryError, QueryTimeout

from .conneg import NotAcceptable


def _answer(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


async def _rejected(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, QueryRejected)
    return _answer(error.status, str(error))


async def _query_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, QueryError)
    headers = {"X-Query-Timeout": "true"} if isinstance(error, QueryTimeout) else None
    return _answer(error.status, str(error), headers)


async def _not_acceptable(request: Request, error: Exception) -> JSONResponse:
    return _answer(406, str(error))


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(QueryRejected, _rejected)
    app.add_exception_handler(QueryError, _query_error)
    app.add_exception_handler(NotAcceptable, _not_acceptable)
