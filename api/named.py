"""Running the named queries of ``queries/`` for the JSON API, and reading their rows back.

The lookups are named queries with a shape on top: a route picks the query and its
parameters, the worker pool runs it under the time limit and row cap, and the rows come back
as plain strings keyed by variable (SPARQL JSON read back in the server process).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyoxigraph as ox
from fastapi import HTTPException

from tradekg import queries
from tradekg.graph.workers import QueryAnswer, QueryJob, QueryPool

Cell = str | None


@dataclass(frozen=True)
class Rows:
    """A named query's answer as plain values: variables, rows, and whether the cap cut it."""

    variables: list[str]
    rows: list[dict[str, Cell]]
    truncated: bool


def load(name: str) -> queries.NamedQuery:
    """The named query ``name``; 404 naming the known ones when there is none."""
    try:
        return queries.load(name)
    except queries.UnknownQuery as error:
        raise HTTPException(404, str(error.args[0])) from None


def check_params(query: queries.NamedQuery, params: dict[str, str]) -> dict[str, str]:
    """Only the parameters the query declares, non-empty; 400 for any other."""
    declared = {p.name for p in query.params}
    unknown = sorted(set(params) - declared)
    if unknown:
        known = ", ".join(sorted(declared)) or "none"
        raise HTTPException(
            400, f"query '{query.name}' has no parameter {', '.join(unknown)} (it takes: {known})"
        )
    return {k: v for k, v in params.items() if v != ""}


def run(pool: QueryPool, name: str, params: dict[str, str], fmt: str, cap: int) -> QueryAnswer:
    """Run the named query with ``params`` bound, answering in ``fmt`` (a results format)."""
    query = load(name)
    job = QueryJob(
        query.text,
        check_params(query, params),
        result_format=fmt,
        graph_format="ntriples",
        row_cap=cap,
    )
    return pool.run(job)


def rows(pool: QueryPool, name: str, params: dict[str, str], cap: int) -> Rows:
    """The named query's rows as plain strings (IRIs and literal values alike)."""
    answer = run(pool, name, params, "json", cap)
    return read_json(answer)


def read_json(answer: QueryAnswer) -> Rows:
    """SPARQL JSON results (or, for a graph, N-Triples lines) read into plain rows."""
    if answer.kind == "triples":
        return _triples(answer)
    document = json.loads(answer.body)
    if answer.kind == "boolean":
        return Rows(["boolean"], [{"boolean": str(document["boolean"]).lower()}], False)
    variables = document["head"]["vars"]
    table = [
        {v: (b[v]["value"] if v in b else None) for v in variables}
        for b in document["results"]["bindings"]
    ]
    return Rows(variables, table, answer.truncated)


def _triples(answer: QueryAnswer) -> Rows:
    found = ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES)
    table: list[dict[str, Cell]] = [
        {"subject": _text(t.subject), "predicate": t.predicate.value, "object": _text(t.object)}
        for t in found
    ]
    return Rows(["subject", "predicate", "object"], table, answer.truncated)


def _text(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal) else str(term)
