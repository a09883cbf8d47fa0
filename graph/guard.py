"""Checks a query must pass before any engine sees it.

Both engines follow ``SERVICE`` and ``LOAD`` to the network, rdflib also fetches remote
``FROM`` graphs, and deeply nested groups can crash an engine; the graph is read-only. The
check looks at the query's keywords outside strings, IRIs and comments.
"""

from __future__ import annotations

import re

MAX_QUERY_CHARS = 100_000
MAX_NESTING = 64

_STRIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
)
_UPDATE = re.compile(
    r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b(?!\s*\()", re.IGNORECASE
)
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_FROM = re.compile(r"\bFROM\b", re.IGNORECASE)


class QueryRejected(ValueError):
    """A query the endpoint will not run; ``status`` is the HTTP status that fits."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def check_query(query: str) -> None:
    """Raise QueryRejected for updates, SERVICE, FROM/FROM NAMED, oversize or over-nested queries."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryRejected(
            f"query is {len(query)} characters; the limit is {MAX_QUERY_CHARS}", 413
        )
    bare = _STRIP.sub(" ", query)
    update = _UPDATE.search(bare)
    if update:
        raise QueryRejected(
            f"the graph is read-only: {update.group(1).upper()} is not allowed here", 403
        )
    if _SERVICE.search(bare):
        raise QueryRejected(
            "SERVICE is not allowed: this endpoint does not query other services", 403
        )
    if _FROM.search(bare):
        raise QueryRejected(
            "FROM / FROM NAMED are not allowed: every query runs over the whole dataset "
            "(use GRAPH <…> { … } to pick a named graph)",
            403,
        )
    depth = deepest = 0
    for char in bare:
        if char in "{(":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})":
            depth -= 1
    if deepest > MAX_NESTING:
        raise QueryRejected(f"query nests {deepest} levels deep; the limit is {MAX_NESTING}")
