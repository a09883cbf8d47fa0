"""Running SPARQL on the embedded store, with parameters bound by the engine."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from .binding import with_values
from .guard import check_query

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class Table:
    """SELECT results read into plain strings, for printing."""

    variables: list[str]
    rows: list[list[str]]


def to_term(value: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term: an IRI when it looks like one, else a plain literal.

    >>> to_term("https://w3id.org/tradekg/id/sector/SI")
    <NamedNode value=https://w3id.org/tradekg/id/sector/SI>
    >>> to_term("商务部")
    <Literal value=商务部 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    """
    if value.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(value)
    return ox.Literal(value)


def execute(
    store: ox.Store, query: str, params: dict[str, str] | None = None
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Check ``query`` and run it over the union of all named graphs, binding ``params``.

    A query with its own FROM / FROM NAMED (naming graphs of the store) runs over those.
    """
    graphs = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    checked = check_query(query, graphs)
    return store.query(bind(query, params), use_default_graph_as_union=not checked.has_dataset)


def bind(query: str, params: dict[str, str] | None) -> str:
    """``query`` with ``params`` bound as RDF terms in a VALUES block (see graph/binding.py)."""
    return with_values(query, {k: to_term(v) for k, v in (params or {}).items()})


def serialize(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str) -> bytes:
    """Results as bytes: SPARQL JSON/XML/CSV/TSV for SELECT and ASK, an RDF syntax for graphs."""
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE)) or b""
    return result.serialize(format=RESULT_FORMATS[fmt]) or b""


def to_table(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> Table:
    """Any result as a table of strings (ASK: one cell; CONSTRUCT: subject, predicate, object)."""
    if isinstance(result, ox.QueryBoolean):
        return Table(["ask"], [["true" if bool(result) else "false"]])
    if isinstance(result, ox.QueryTriples):
        rows = [[_show(t.subject), _show(t.predicate), _show(t.object)] for t in result]
        return Table(["subject", "predicate", "object"], rows)
    variables = [v.value for v in result.variables]
    rows = [[_show(solution[v]) for v in variables] for solution in result]
    return Table(variables, rows)


def _show(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)
