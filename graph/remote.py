"""A remote SPARQL 1.1 server as the store: queries through the SPARQL 1.1 Protocol.

Everything here is plain HTTP per the W3C protocols, so any SPARQL 1.1 server works (Oxigraph,
Virtuoso, Fuseki, GraphDB, Stardog, Neptune). Parameters are bound exactly as for the embedded
store, by a VALUES block (graph/binding.py). The union of the dataset's named graphs, which the
embedded store gets from pyoxigraph's union default graph, is asked for with the protocol's
``default-graph-uri`` and ``named-graph-uri`` parameters.

A remote answer is checked before it is believed: servers cut results without saying so in the
status (Oxigraph's ``--timeout-s`` can end a 200 response early; Virtuoso returns partial
results with ``X-SQL-State: S1TAT``), so a partial marker, a short body or a body that does not
parse is an error, never a smaller result. The client's time limit covers the whole answer,
not only the connection (SPARQLWrapper's timeout is the connection's only).
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from itertools import islice

import pyoxigraph as ox

from .binding import _blank_out as blank_out  # strings, IRIs, comments blanked
from .binding import with_values
from .query import to_term
from .results import write_boolean, write_solutions, write_triples
from .workers import (
    DEFAULT_TIMEOUT,
    QueryAnswer,
    QueryError,
    QueryJob,
    QueryParseError,
    QueryTimeout,
    first_line,
)

TOKEN_VARIABLE = "TRADEKG_ENDPOINT_TOKEN"
#: what to ask for: SPARQL JSON results, or N-Triples for a graph (Virtuoso writes CONSTRUCT
#: results as a SPARQL JSON table when JSON is acceptable, so the form decides)
_ACCEPT_RESULTS = "application/sparql-results+json"
_ACCEPT_GRAPH = "application/n-triples, text/plain;q=0.5"
_GRAPH_FORM = re.compile(r"\b(CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_ANY_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_CHUNK = 1 << 16

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class RemoteError(QueryError):
    """The SPARQL server answered with an error; the message quotes its first line."""

    status = 502


class RemoteUnavailable(RemoteError):
    """The SPARQL server cannot be reached (down, wrong URL, refused connection)."""

    status = 503


class RemoteIncomplete(RemoteError):
    """The server's answer is cut short or flagged partial: refused rather than believed."""

    status = 502


class RemoteTimeout(QueryTimeout):
    """The server did not finish answering within the time limit."""


@dataclass(frozen=True)
class Endpoint:
    """Where a SPARQL 1.1 server answers queries, updates and Graph Store requests, and how to
    sign in (HTTP Basic with ``user``/``password``, or a bearer ``token``)."""

    query_url: str
    update_url: str | None = None
    store_url: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    def auth_headers(self) -> dict[str, str]:
        """The Authorization header for this endpoint, if it needs one."""
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user is not None:
            pair = f"{self.user}:{self.password or ''}".encode()
            return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
        return {}


@dataclass(frozen=True)
class Reply:
    """An HTTP answer read to its end: status, headers (lower-case names) and body."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def request(
    endpoint: Endpoint,
    method: str,
    url: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Reply:
    """Send one HTTP request and read the whole answer within ``timeout`` seconds.

    Any status comes back as a Reply; a server that cannot be reached raises RemoteUnavailable,
    one that stops answering RemoteTimeout, a body cut off mid-transfer RemoteIncomplete.
    """
    sent = urllib.request.Request(url, data=body, method=method)
    for name, value in {**endpoint.auth_headers(), **(headers or {})}.items():
        sent.add_header(name, value)
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(sent, timeout=timeout) as answer:
            return Reply(answer.status, _headers(answer), _read(answer, deadline, timeout))
    except urllib.error.HTTPError as error:
        return Reply(error.code, _headers(error), error.read())
    except TimeoutError:
        raise RemoteTimeout(
            f"the SPARQL server at {url} did not answer within {timeout:g} s"
        ) from None
    except http.client.IncompleteRead:
        raise RemoteIncomplete(f"the SPARQL server at {url} cut its answer short") from None
    except (urllib.error.URLError, ConnectionError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise RemoteTimeout(
                f"the SPARQL server at {url} did not answer within {timeout:g} s"
            ) from None
        raise RemoteUnavailable(f"the SPARQL server at {url} is unreachable: {reason}") from None


def _headers(answer: object) -> dict[str, str]:
    found = getattr(answer, "headers", None)
    return {k.lower(): v for k, v in found.items()} if found is not None else {}


def _read(answer: http.client.HTTPResponse, deadline: float, timeout: float) -> bytes:
    """The body, chunk by chunk, so a slow trickle still ends at the deadline."""
    parts = []
    while chunk := answer.read(_CHUNK):
        parts.append(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError(f"answer not complete after {timeout:g} s")
    body = b"".join(parts)
    expected = answer.headers.get("Content-Length")
    if expected is not None and expected.isdigit() and int(expected) != len(body):
        raise http.client.IncompleteRead(body, int(expected) - len(body))
    return body


def check_complete(reply: Reply, url: str) -> None:
    """Refuse an answer the server flags as partial (206, Virtuoso's ``X-SQL-State``)."""
    state = reply.headers.get("x-sql-state")
    if reply.status == 206 or state:
        detail = f" ({state}: {reply.headers.get('x-sql-message', 'partial result')})"
        raise RemoteIncomplete(
            f"the SPARQL server at {url} returned a partial result{detail if state else ''}; "
            "raise the server's own query time or result limits"
        )


def check_status(reply: Reply, url: str, phase: str) -> None:
    """Turn an error status into the error a person can act on, quoting the server."""
    if 200 <= reply.status < 300:
        return
    said = first_line(Exception(reply.body.decode("utf-8", "replace"))) or "no message"
    where = f"the SPARQL server at {url}"
    if reply.status in (401, 403):
        raise RemoteError(
            f"{where} refused the {phase} ({reply.status}): {said}; give --user/--password "
            f"or set ${TOKEN_VARIABLE}"
        )
    if reply.status == 400 and phase == "query":
        raise QueryParseError(f"{where} rejected the query: {said}")
    if reply.status in (502, 503, 504):
        raise RemoteUnavailable(f"{where} is unavailable ({reply.status}): {said}")
    raise RemoteError(f"{where} failed the {phase} ({reply.status}): {said}")


def solutions(
    endpoint: Endpoint,
    query: str,
    params: dict[str, ox.NamedNode | ox.Literal] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[list[Term | None]]:
    """The rows of a SELECT run on the server's own dataset, with ``params`` bound."""
    reply = ask(endpoint, with_values(query, params or {}), [], timeout)
    kind, parsed = parse_answer(reply, endpoint.query_url)
    if kind != "solutions" or not isinstance(parsed, tuple):
        raise RemoteError(f"the SPARQL server at {endpoint.query_url} did not answer a SELECT")
    return parsed[1]


def accept_for(query: str) -> str:
    """The Accept header for ``query``: N-Triples for CONSTRUCT and DESCRIBE, else SPARQL JSON.

    >>> accept_for('PREFIX a: <http://e/SELECT> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }')
    'application/n-triples, text/plain;q=0.5'
    """
    form = _ANY_FORM.search(blank_out(query))
    graph = form is not None and _GRAPH_FORM.fullmatch(form.group(1)) is not None
    return _ACCEPT_GRAPH if graph else _ACCEPT_RESULTS


def ask(endpoint: Endpoint, query: str, dataset: list[tuple[str, str]], timeout: float) -> Reply:
    """POST ``query`` per the SPARQL 1.1 Protocol (form-encoded, with its dataset) and return
    the answer once its status and completeness are checked."""
    form = urllib.parse.urlencode([("query", query), *dataset]).encode("utf-8")
    reply = request(
        endpoint,
        "POST",
        endpoint.query_url,
        form,
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept_for(query)},
        timeout,
    )
    check_status(reply, endpoint.query_url, "query")
    check_complete(reply, endpoint.query_url)
    return reply


Parsed = tuple[str, bool | list[ox.Triple] | tuple[list[str], list[list[Term | None]]]]


def parse_answer(reply: Reply, url: str) -> Parsed:
    """A checked answer as ("boolean", bool), ("triples", [Triple]) or ("solutions",
    (variables, rows)); a body that does not parse to its end is RemoteIncomplete."""
    try:
        if reply.media_type in ("application/n-triples", "text/plain", "text/ntriples"):
            if reply.body and not reply.body.endswith(b"\n"):
                raise ValueError("the last line is cut off")
            return "triples", list(ox.parse(reply.body, format=ox.RdfFormat.N_TRIPLES))
        document = json.loads(reply.body)
        if "boolean" in document:
            return "boolean", bool(document["boolean"])
        variables = list(document["head"]["vars"])
        rows = [[_term(b.get(v)) for v in variables] for b in document["results"]["bindings"]]
        return "solutions", (variables, rows)
    except (ValueError, SyntaxError, KeyError, TypeError) as error:
        raise RemoteIncomplete(
            f"the SPARQL server at {url} sent an answer that is cut short or malformed "
            f"({reply.media_type or 'no content type'}: {first_line(error)}); "
            "its own query time limit may have ended it"
        ) from None


def _term(binding: dict[str, str] | None) -> Term | None:
    """One SPARQL JSON results binding as an RDF term (Virtuoso's ``typed-literal`` too)."""
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)


class RemoteRunner:
    """Runs the API's query jobs on a remote server, as QueryPool does on the embedded store:
    same jobs, same answers (serialised here, cut at the row cap), same error classes."""

    def __init__(
        self, endpoint: Endpoint, graphs: frozenset[str], timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        self.endpoint = endpoint
        self.graphs = tuple(sorted(graphs))
        self.timeout = timeout
        self.size = 1

    def run(self, job: QueryJob) -> QueryAnswer:
        """Run ``job`` on the server within the time limit; QueryError subclasses say why not."""
        text = with_values(job.query, {k: to_term(v) for k, v in job.params.items()})
        reply = ask(self.endpoint, text, self._dataset(job), self.timeout)
        kind, parsed = parse_answer(reply, self.endpoint.query_url)
        return answer(job, kind, parsed)

    def close(self) -> None:
        """Nothing to stop: each query is its own HTTP request."""

    def pids(self) -> list[int]:
        """No worker processes: the server does the work."""
        return []

    def _dataset(self, job: QueryJob) -> list[tuple[str, str]]:
        """The protocol's dataset beats the query's FROM, which beats the union of the graphs."""
        if job.default_graphs is not None or job.named_graphs is not None:
            default, named = job.default_graphs or (), job.named_graphs or ()
        elif job.union_default_graph:
            default = named = self.graphs
        else:
            return []
        return [("default-graph-uri", g) for g in default] + [("named-graph-uri", g) for g in named]


def answer(job: QueryJob, kind: str, parsed: object) -> QueryAnswer:
    """A parsed remote answer written as the job asks, cut at its row cap (like run_job)."""
    cap = job.row_cap
    if kind == "boolean":
        body = write_boolean(bool(parsed), job.result_format)
        return QueryAnswer("boolean", job.result_format, body, 1, False)
    if kind == "triples":
        assert isinstance(parsed, list)
        triples = list(islice(parsed, cap + 1))
        cut = len(triples) > cap
        body = write_triples(triples[:cap], job.graph_format, cap if cut else None, job.prefixes)
        return QueryAnswer("triples", job.graph_format, body, min(len(triples), cap), cut)
    assert isinstance(parsed, tuple)
    variables, rows = parsed
    cut = len(rows) > cap
    body = write_solutions(variables, rows[:cap], job.result_format, cap if cut else None)
    return QueryAnswer("solutions", job.result_format, body, min(len(rows), cap), cut)


def dataset_graphs(
    endpoint: Endpoint, prefix: str, timeout: float = DEFAULT_TIMEOUT
) -> frozenset[str]:
    """The server's named graphs whose IRI starts with ``prefix`` (tradekg's ``{base}graph/``)."""
    query = (
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(STRSTARTS(STR(?g), STR(?prefix))) }"
    )
    rows = solutions(endpoint, query, {"prefix": ox.Literal(prefix)}, timeout)
    return frozenset(r[0].value for r in rows if isinstance(r[0], ox.NamedNode))
