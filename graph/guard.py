"""Checks a query must pass before any engine sees it.

Both engines follow ``SERVICE`` and ``LOAD`` to the network, rdflib also fetches remote
``FROM`` graphs, and deeply nested groups can crash an engine (3,000 nested ``{`` segfault
pyoxigraph); the graph is read-only. The check reads the query's tokens with strings, IRIs and
comments set aside, so a keyword inside a literal (``"please DELETE me"``) is not mistaken for
one. It also tells the query form (SELECT, ASK, CONSTRUCT, DESCRIBE), which content negotiation
needs before the query runs, and the graphs its ``FROM`` / ``FROM NAMED`` clauses name, which
must be graphs of the dataset.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 100_000
MAX_NESTING = 64

_TOKEN = re.compile(
    r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*')"
    r"|(?P<comment>#[^\n]*)"
    r"|<(?P<iri>[^<>\"{}|^`\\\s]*)>"
    r"|(?P<var>[?$]\w+)|(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)"
    r"|(?P<pname>[A-Za-z][\w.-]*:[\w.:%-]*|:[\w.:%-]*)"
    r"|(?P<word>[A-Za-z_]\w*)"
    r"|(?P<open>[{(])|(?P<close>[})])",
)
_UPDATE = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


class QueryRejected(ValueError):
    """A query the endpoint will not run; ``status`` is the HTTP status that fits."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class CheckedQuery:
    """What the check learnt: the query form and the graphs its dataset clause names."""

    form: str | None
    from_graphs: tuple[str, ...] = field(default_factory=tuple)
    from_named: tuple[str, ...] = field(default_factory=tuple)

    @property
    def has_dataset(self) -> bool:
        """Whether the query names its own dataset (then the union default graph is off)."""
        return bool(self.from_graphs or self.from_named)


@dataclass
class _Tokens:
    kinds: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    deepest: int = 0


def check_query(query: str, graphs: Collection[str] | None = None) -> CheckedQuery:
    """Raise QueryRejected for updates, SERVICE, foreign FROM graphs, oversize or deep queries.

    ``graphs`` are the dataset's named graphs; FROM / FROM NAMED may only name those (with
    ``None`` every FROM is refused).

    >>> check_query("PREFIX g: <http://x/> SELECT * FROM g:a { ?s ?p ?o }", {"http://x/a"})
    CheckedQuery(form='SELECT', from_graphs=('http://x/a',), from_named=())
    >>> check_query("SELECT ('DELETE' AS ?x) {}").form
    'SELECT'
    >>> check_query("SELECT * { SERVICE <http://h/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    tradekg.graph.guard.QueryRejected: SERVICE is not allowed: this endpoint does not query other services
    """
    if len(query) > MAX_QUERY_CHARS:
        raise QueryRejected(
            f"query is {len(query)} characters; the limit is {MAX_QUERY_CHARS}", 413
        )
    tokens = _scan(query)
    words = [v.upper() for k, v in zip(tokens.kinds, tokens.values, strict=True) if k == "word"]
    _refuse_keywords(words)
    if tokens.deepest > MAX_NESTING:
        raise QueryRejected(f"query nests {tokens.deepest} levels deep; the limit is {MAX_NESTING}")
    from_graphs, from_named = _dataset_clause(tokens)
    for iri in (*from_graphs, *from_named):
        check_graph(iri, graphs)
    form = next((w for w in words if w in _FORMS), None)
    return CheckedQuery(form, tuple(from_graphs), tuple(from_named))


def check_graph(iri: str, graphs: Collection[str] | None) -> None:
    """Refuse a graph IRI that is not one of the dataset's named graphs (never fetched)."""
    if graphs is None or iri not in graphs:
        known = ", ".join(sorted(graphs or [])) or "none"
        raise QueryRejected(
            f"graph <{iri}> is not in this dataset; graphs are never fetched from elsewhere "
            f"(known graphs: {known})",
            403,
        )


def _scan(query: str) -> _Tokens:
    tokens = _Tokens()
    depth = 0
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or ""
        if kind in ("string", "comment", "var", "lang"):
            continue
        if kind == "open":
            depth += 1
            tokens.deepest = max(tokens.deepest, depth)
            continue
        if kind == "close":
            depth -= 1
            continue
        tokens.kinds.append(kind)
        tokens.values.append(match.group(kind))
    return tokens


def _refuse_keywords(words: list[str]) -> None:
    if "SERVICE" in words:
        raise QueryRejected(
            "SERVICE is not allowed: this endpoint does not query other services", 403
        )
    update = next((w for w in words if w in _UPDATE), None)
    if update is not None:
        raise QueryRejected(
            f"the graph is read-only: {update} is not allowed here (this endpoint answers "
            "queries only; there is no update endpoint)",
            403,
        )


def _dataset_clause(tokens: _Tokens) -> tuple[list[str], list[str]]:
    """The IRIs after FROM and FROM NAMED, prefixed names expanded with the PREFIX lines."""
    prefixes: dict[str, str] = {}
    from_graphs: list[str] = []
    from_named: list[str] = []
    kinds, values = tokens.kinds, tokens.values
    for i, (kind, value) in enumerate(zip(kinds, values, strict=True)):
        upper = value.upper() if kind == "word" else ""
        if upper == "PREFIX" and i + 2 < len(kinds) and kinds[i + 2] == "iri":
            prefixes[values[i + 1].rstrip(":")] = values[i + 2]
        if upper != "FROM":
            continue
        named = i + 1 < len(kinds) and kinds[i + 1] == "word" and values[i + 1].upper() == "NAMED"
        j = i + 2 if named else i + 1
        if j >= len(kinds) or kinds[j] not in ("iri", "pname"):
            raise QueryRejected("FROM must be followed by a graph IRI")
        (from_named if named else from_graphs).append(_expand(kinds[j], values[j], prefixes))
    return from_graphs, from_named


def _expand(kind: str, value: str, prefixes: dict[str, str]) -> str:
    if kind == "iri":
        if ":" not in value:
            raise QueryRejected(f"FROM <{value}>: give the graph's full IRI")
        return value
    prefix, _, local = value.partition(":")
    if prefix not in prefixes:
        raise QueryRejected(f"FROM {value}: prefix '{prefix}:' is not declared")
    return prefixes[prefix] + local
