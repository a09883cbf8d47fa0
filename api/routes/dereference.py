"""``GET /id/…``: the graph's IRIs dereference here (HTML for browsers, RDF on request).

Resources are minted as ``{base}id/…`` (``TRADEKG_BASE``); the request path ``/id/…`` maps to
that IRI. The answer is direct content negotiation (``Vary: Accept``) over the triples the
named query ``entity_graph`` finds, with a 404 when the graph says nothing about the IRI.
"""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from tradekg import ontology
from tradekg.graph.workers import QueryAnswer, QueryJob, QueryPool

from .. import named, pages
from ..conneg import FORMAT_MEDIA_TYPES, GRAPH_MEDIA_TYPES, HTML, negotiate
from ..deps import get_pool, get_settings

router = APIRouter(tags=["linked data"])


def local_path(iri: str) -> str | None:
    """The path under which this server dereferences ``iri``, when it is one of the graph's.

    >>> local_path(ontology.base_iri() + "id/sector/SI")
    '/id/sector/SI'
    >>> local_path("http://example.org/x") is None
    True
    """
    base = ontology.base_iri()
    return "/" + iri[len(base) :] if iri.startswith(base + "id/") else None


@router.get("/id/{path:path}", response_class=Response)
def dereference(path: str, request: Request) -> Response:
    """What the graph says about ``{base}id/{path}``: Turtle, N-Triples, JSON-LD, RDF/XML or HTML."""
    iri = ontology.base_iri() + "id/" + path
    fmt = negotiate(request.headers.get("accept"), GRAPH_MEDIA_TYPES)
    pool, cap = get_pool(request), get_settings(request).row_cap
    answer = _describe(pool, iri, "ntriples" if fmt == HTML else fmt, cap)
    if answer.rows == 0:
        raise HTTPException(404, f"the graph says nothing about <{iri}>")
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers["X-Result-Truncated"] = "true"
    if fmt == HTML:
        return HTMLResponse(_page(iri, answer.body), headers=headers)
    return Response(answer.body, media_type=FORMAT_MEDIA_TYPES[fmt], headers=headers)


def _describe(pool: QueryPool, iri: str, fmt: str, cap: int) -> QueryAnswer:
    query = named.load("entity_graph")
    job = QueryJob(query.text, {"entity": iri}, graph_format=fmt, row_cap=cap, prefixes=prefixes())
    return pool.run(job)


def prefixes() -> dict[str, str]:
    """The project's usual prefixes, and ``id:`` for the graph's own resources."""
    return {**{k: str(v) for k, v in ontology.PREFIXES.items()}, "id": ontology.base_iri() + "id/"}


def _page(iri: str, ntriples: bytes) -> str:
    outgoing: list[tuple[str, str, bool]] = []
    incoming: list[tuple[str, str]] = []
    for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        subject, predicate, value = triple.subject, triple.predicate, triple.object
        if isinstance(subject, ox.NamedNode) and subject.value == iri:
            shown = value.value if isinstance(value, ox.NamedNode | ox.Literal) else str(value)
            outgoing.append((predicate.value, shown, isinstance(value, ox.NamedNode)))
        else:
            incoming.append((str(getattr(subject, "value", subject)), predicate.value))
    return pages.resource(iri, sorted(outgoing), sorted(incoming), lambda i: local_path(i) or i)
