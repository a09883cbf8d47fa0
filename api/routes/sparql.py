"""``/sparql``: the SPARQL 1.1 Protocol query endpoint (read-only, time-limited, capped).

GET ``?query=``, POST of a form or of ``application/sparql-query``; ``default-graph-uri`` and
``named-graph-uri`` pick graphs of the dataset; the Accept header picks the format from the
tables in ``api/conneg.py``. Without a query it describes itself (SPARQL Service Description),
and browsers get the query editor. Every query passes the guard in the server process, then
runs in a killable worker process.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from tradekg import queries
from tradekg.graph.guard import CheckedQuery, check_graph, check_query
from tradekg.graph.results import write_triples
from tradekg.graph.workers import QueryAnswer, QueryError, QueryJob

from .. import pages, protocol
from ..conneg import (
    FORMAT_MEDIA_TYPES,
    GRAPH_MEDIA_TYPES,
    HTML,
    RESULTS_MEDIA_TYPES,
    negotiate,
)
from ..deps import get_graphs, get_pool, get_settings
from ..service import SD_PREFIXES, description
from .dereference import local_path

router = APIRouter(tags=["sparql"])

GRAPH_FORMS = {"CONSTRUCT", "DESCRIBE"}
_ANY_MEDIA_TYPES = {**GRAPH_MEDIA_TYPES, **RESULTS_MEDIA_TYPES}
_QUERY_DOC = (
    "A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE); none: the service description"
)


@router.get("/sparql")
async def sparql_get(
    request: Request,
    query: str | None = Query(None, description=_QUERY_DOC),
    default_graph_uri: list[str] = Query([], alias="default-graph-uri"),
    named_graph_uri: list[str] = Query([], alias="named-graph-uri"),
) -> Response:
    """Run a query sent in the URL; answer in the format the Accept header prefers."""
    pairs = protocol.decode_params(request.scope["query_string"], "the URL")
    return await _answer(request, protocol.from_params(pairs, pairs))


@router.post("/sparql")
async def sparql_post(request: Request) -> Response:
    """Run a query POSTed as a form (``query=…``) or as ``application/sparql-query``."""
    pairs = protocol.decode_params(request.scope["query_string"], "the URL")
    body = await request.body()
    sent = protocol.from_post(request.headers.get("content-type", ""), body, pairs)
    if sent.query is None:
        return _error(400, "no query given: send it as the 'query' parameter")
    return await _answer(request, sent)


async def _answer(request: Request, sent: protocol.ProtocolRequest) -> Response:
    accept = request.headers.get("accept")
    if sent.query is None:
        return _describe(request, accept)
    graphs = get_graphs(request)
    checked = _check(sent, graphs)
    offered = _offered(checked)
    fmt = negotiate(accept, offered)
    if fmt == HTML:
        return await _editor(request, sent, checked)
    job = _job(request, sent, checked, fmt)
    answer = await run_in_threadpool(get_pool(request).run, job)
    return _respond(answer)


def _check(sent: protocol.ProtocolRequest, graphs: frozenset[str]) -> CheckedQuery:
    checked = check_query(sent.query or "", graphs)
    for iri in (*sent.default_graphs, *sent.named_graphs):
        check_graph(iri, graphs)
    return checked


def _offered(checked: CheckedQuery) -> dict[str, str]:
    if checked.form is None:
        return _ANY_MEDIA_TYPES
    return GRAPH_MEDIA_TYPES if checked.form in GRAPH_FORMS else RESULTS_MEDIA_TYPES


def _job(
    request: Request, sent: protocol.ProtocolRequest, checked: CheckedQuery, fmt: str
) -> QueryJob:
    is_graph = fmt in GRAPH_MEDIA_TYPES.values()
    return QueryJob(
        sent.query or "",
        result_format="json" if is_graph else fmt,
        graph_format=fmt if is_graph else "turtle",
        row_cap=get_settings(request).row_cap,
        union_default_graph=not checked.has_dataset,
        default_graphs=sent.default_graphs if sent.has_dataset else None,
        named_graphs=sent.named_graphs if sent.has_dataset else None,
    )


def _respond(answer: QueryAnswer) -> Response:
    headers = {"Vary": "Accept", "X-Result-Rows": str(answer.rows)}
    if answer.truncated:
        headers["X-Result-Truncated"] = "true"
    return Response(answer.body, media_type=FORMAT_MEDIA_TYPES[answer.fmt], headers=headers)


def _describe(request: Request, accept: str | None) -> Response:
    fmt = negotiate(accept, GRAPH_MEDIA_TYPES)
    if fmt == HTML:
        return HTMLResponse(pages.editor(None, _examples()))
    endpoint = str(request.url_for("sparql_get"))
    body = write_triples(description(endpoint, get_graphs(request)), fmt, prefixes=SD_PREFIXES)
    return Response(body, media_type=FORMAT_MEDIA_TYPES[fmt], headers={"Vary": "Accept"})


async def _editor(
    request: Request, sent: protocol.ProtocolRequest, checked: CheckedQuery
) -> HTMLResponse:
    """The editor with the query filled in and its result (or error) below."""
    job = _job(request, sent, checked, "json")
    results, error = "", ""
    try:
        answer = await run_in_threadpool(get_pool(request).run, job)
    except QueryError as failure:
        error = str(failure)
    else:
        if answer.kind == "triples":
            results = pages.graph_text(answer.body)
        else:
            cap = get_settings(request).row_cap if answer.truncated else None
            results = pages.results_table(answer.body, cap, _local_link(request))
    return HTMLResponse(pages.editor(sent.query, _examples(), results, error))


def _local_link(request: Request) -> Callable[[str], str]:
    return lambda iri: local_path(iri) or iri


def _examples() -> list[tuple[str, str]]:
    return [(q.name, q.text) for q in queries.catalogue().values() if not q.params]


def _error(status: int, detail: str) -> Response:
    return JSONResponse({"detail": detail}, status_code=status)
