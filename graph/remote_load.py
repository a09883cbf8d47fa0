"""Loading a built graph into a remote SPARQL 1.1 server, one named graph per edition.

Each named graph of the build replaces the graph of the same IRI on the server, and only as a
whole: the triples go first into a staging graph (``urn:tradekg:staging:…``) — by one Graph
Store Protocol PUT where the server offers one, else by SPARQL Update ``INSERT DATA`` batches —
the staging graph is counted, and one ``MOVE`` swaps it in (a single update request, which
servers run as one transaction). A load that fails before the MOVE leaves the server's graph as
it was; a load that ends is counted again, so a half-done load is never reported as done.
With only a Graph Store endpoint the PUT goes straight to the target graph (still one request).
"""

from __future__ import annotations

import contextlib
import time
import urllib.parse
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from .remote import Endpoint, RemoteError, check_status, request, solutions

STAGING = "urn:tradekg:staging:"
#: triples per INSERT DATA request (Virtuoso 7 refuses ~5,000: "generated SQL text has exceeded
#: 10000 lines")
BATCH_TRIPLES = 1_000
LOAD_TIMEOUT = 600.0


class LoadFailed(RemoteError):
    """A graph could not be loaded; the message says whether the server's graph changed."""


@dataclass(frozen=True)
class Loaded:
    """One named graph loaded: its IRI, its triple count on the server, how, how long."""

    graph: str
    triples: int
    method: str
    seconds: float


def load_store(
    store: ox.Store,
    endpoint: Endpoint,
    only: Sequence[str] = (),
    say: Callable[[str], None] = lambda message: None,
) -> list[Loaded]:
    """Replace each named graph of ``store`` (or only those in ``only``) on the server."""
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    unknown = sorted(set(only) - set(names))
    if unknown:
        raise LoadFailed(
            f"the build has no graph {', '.join(unknown)} (it has: {', '.join(names)})"
        )
    drop_staging(endpoint)
    done = []
    for name in [n for n in names if not only or n in only]:
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))]
        say(f"loading {name} ({len(triples)} triples) into {endpoint.query_url}")
        done.append(replace_graph(endpoint, name, triples))
        say(f"loaded {name}: {done[-1].triples} triples by {done[-1].method}")
    return done


def replace_graph(endpoint: Endpoint, graph: str, triples: list[ox.Triple]) -> Loaded:
    """Replace ``graph`` on the server by ``triples``, as a whole or not at all."""
    started = time.monotonic()
    expected = len(set(triples))
    if endpoint.update_url is None:
        put(endpoint, graph, triples)
        method = "graph-store PUT"
    else:
        staging = STAGING + uuid.uuid4().hex
        try:
            method = stage(endpoint, staging, triples)
            expect_count(endpoint, staging, expected, f"{graph} is unchanged on the server")
        except RemoteError as error:
            _drop_quietly(endpoint, staging)
            raise LoadFailed(f"loading {graph} failed, the graph is unchanged: {error}") from None
        try:
            update(endpoint, f"MOVE {ox.NamedNode(staging)} TO {ox.NamedNode(graph)}")
        except RemoteError as error:
            raise LoadFailed(
                f"replacing {graph} may not have completed ({error}); run the load again"
            ) from None
    expect_count(endpoint, graph, expected, "run the load again")
    return Loaded(graph, expected, method, time.monotonic() - started)


def stage(endpoint: Endpoint, staging: str, triples: list[ox.Triple]) -> str:
    """Write ``triples`` into the empty graph ``staging``; returns how."""
    if endpoint.store_url is not None:
        put(endpoint, staging, triples)
        return "graph-store PUT + MOVE"
    if any(
        isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples
    ):
        raise LoadFailed(
            "the graph has blank nodes, which separate INSERT DATA batches would split; "
            "give --store-endpoint (Graph Store Protocol) to load it in one request"
        )
    for start in range(0, len(triples), BATCH_TRIPLES):
        body = ox.serialize(triples[start : start + BATCH_TRIPLES], format=ox.RdfFormat.N_TRIPLES)
        data = (body or b"").decode("utf-8")
        update(endpoint, f"INSERT DATA {{ GRAPH {ox.NamedNode(staging)} {{\n{data}}} }}")
    return f"SPARQL Update in batches of {BATCH_TRIPLES} + MOVE"


def put(endpoint: Endpoint, graph: str, triples: list[ox.Triple]) -> None:
    """Graph Store Protocol: replace ``graph`` with ``triples`` in one PUT (N-Triples)."""
    assert endpoint.store_url is not None
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    url = _with_query(endpoint.store_url, graph=graph)
    reply = request(
        endpoint, "PUT", url, body, {"Content-Type": "application/n-triples"}, LOAD_TIMEOUT
    )
    check_status(reply, endpoint.store_url, "Graph Store PUT")


def update(endpoint: Endpoint, text: str) -> None:
    """SPARQL 1.1 Protocol: one update request, form-encoded."""
    url = endpoint.update_url or endpoint.query_url
    form = urllib.parse.urlencode({"update": text}).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    reply = request(endpoint, "POST", url, form, headers, LOAD_TIMEOUT)
    try:
        check_status(reply, url, "update")
    except RemoteError as error:
        wrong_place = reply.status in (404, 405, 415) or b"parameter" in reply.body[:500]
        if wrong_place and url == endpoint.query_url:
            raise RemoteError(
                f"{error} (does the server take updates elsewhere? "
                "give --update-endpoint or --store-endpoint)"
            ) from None
        raise


def count(endpoint: Endpoint, graph: str) -> int:
    """How many triples ``graph`` holds on the server."""
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    rows = solutions(endpoint, query, {"g": ox.NamedNode(graph)}, LOAD_TIMEOUT)
    cell = rows[0][0] if rows else None
    return int(cell.value) if isinstance(cell, ox.Literal) else 0


def expect_count(endpoint: Endpoint, graph: str, expected: int, then: str) -> None:
    """LoadFailed unless ``graph`` holds exactly ``expected`` triples on the server."""
    found = count(endpoint, graph)
    if found != expected:
        raise LoadFailed(
            f"{graph} holds {found} triples on the server, {expected} were sent; {then}"
        )


def drop_staging(endpoint: Endpoint) -> None:
    """Drop staging graphs an interrupted load left behind (they are never served)."""
    query = 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "urn:tradekg:staging:")) }'
    if endpoint.update_url is None:
        return
    for row in solutions(endpoint, query, None, LOAD_TIMEOUT):
        if isinstance(row[0], ox.NamedNode):
            _drop_quietly(endpoint, row[0].value)


def _drop_quietly(endpoint: Endpoint, graph: str) -> None:
    with contextlib.suppress(RemoteError):
        update(endpoint, f"DROP SILENT GRAPH {ox.NamedNode(graph)}")


def _with_query(url: str, **params: str) -> str:
    joiner = "&" if urllib.parse.urlsplit(url).query else "?"
    return url + joiner + urllib.parse.urlencode(params)
