"""Content negotiation: which format to answer in, from the Accept header and explicit tables.

Each table maps the media types a client may ask for to the short format names of
``tradekg.graph.results``; the first entry is the default. ``text/html`` stands for the
browser pages. The Accept parser follows RFC 9110: q-values, ``type/*`` and ``*/*``; the most
specific range that matches a type gives its q, and among equal q an explicitly named type
beats a wildcard, then the client's order, then the table's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

HTML = "html"

#: SELECT and ASK results.
RESULTS_MEDIA_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/html": HTML,
}
#: CONSTRUCT and DESCRIBE results, service descriptions and dereferenced IRIs.
GRAPH_MEDIA_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/ld+json": "jsonld",
    "application/x-json+ld": "jsonld",
    "application/json": "jsonld",
    "text/html": HTML,
}
#: The Content-Type each format is answered with.
FORMAT_MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
    HTML: "text/html; charset=utf-8",
}


class NotAcceptable(ValueError):
    """No format in the table satisfies the Accept header (HTTP 406)."""

    def __init__(self, accept: str, offered: Mapping[str, str]) -> None:
        types = ", ".join(t for t in offered if t != "text/html")
        super().__init__(f"cannot answer in any type of Accept: {accept!r}; available: {types}")


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float
    position: int

    def matches(self, media_type: str) -> int:
        """How specifically this range matches: 2 exact, 1 ``type/*``, 0 ``*/*``, -1 not at all."""
        kind, _, sub = media_type.partition("/")
        if self.type == kind and self.subtype == sub:
            return 2
        if self.type == kind and self.subtype == "*":
            return 1
        return 0 if self.type == "*" and self.subtype == "*" else -1


def parse_accept(header: str) -> list[MediaRange]:
    """The ranges of an Accept header; malformed entries are skipped.

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/html, */*;q=0.8")]
    [('text', 'html', 1.0), ('*', '*', 0.8)]
    """
    ranges = []
    for position, item in enumerate(header.split(",")):
        media, *params = [part.strip() for part in item.split(";")]
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(kind, sub, q, position))
    return ranges


def negotiate(accept: str | None, offered: Mapping[str, str]) -> str:
    """The format to answer in; NotAcceptable when the client accepts none of ``offered``.

    >>> negotiate("text/csv", RESULTS_MEDIA_TYPES)
    'csv'
    >>> negotiate(None, GRAPH_MEDIA_TYPES)
    'turtle'
    """
    if not accept or not accept.strip():
        return next(iter(offered.values()))
    ranges = parse_accept(accept)
    best: tuple[float, int, int, int] | None = None
    chosen = ""
    for index, media_type in enumerate(offered):
        score = _score(ranges, media_type, index)
        if score is not None and (best is None or score > best):
            best, chosen = score, offered[media_type]
    if best is None:
        raise NotAcceptable(accept, offered)
    return chosen


def _score(
    ranges: list[MediaRange], media_type: str, index: int
) -> tuple[float, int, int, int] | None:
    matching = [(r.matches(media_type), r) for r in ranges if r.matches(media_type) >= 0]
    if not matching:
        return None
    specificity, best = max(matching, key=lambda m: (m[0], -m[1].position))
    if best.q <= 0:
        return None
    return (best.q, specificity, -best.position, -index)
