"""Content negotiation: the Accept parser and the format tables, as a table of cases."""

from __future__ import annotations

import pytest

from tradekg.api.conneg import (
    GRAPH_MEDIA_TYPES,
    RESULTS_MEDIA_TYPES,
    NotAcceptable,
    negotiate,
    parse_accept,
)

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
# What SPARQLWrapper 2.0 sends for each return format.
SW_JSON = "application/sparql-results+json,application/json,text/javascript,application/javascript"
SW_XML = "application/sparql-results+xml"
SW_DEFAULT = "application/sparql-results+xml,application/rdf+xml,*/*"
SW_TURTLE = "application/turtle,text/turtle"
SW_N3 = "application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3"
SW_JSONLD = "application/ld+json,application/x-json+ld"

RESULTS_CASES = [
    (None, "json"),
    ("", "json"),
    ("*/*", "json"),
    (SW_JSON, "json"),
    (SW_XML, "xml"),
    (SW_DEFAULT, "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("text/csv;q=0.5, text/tab-separated-values", "tsv"),
    ("text/*", "csv"),
    ("text/*, text/tab-separated-values;q=0.9", "csv"),
    ("application/sparql-results+json;q=0.1, */*;q=0.2", "xml"),
    ("application/json; charset=utf-8", "json"),
    ("TEXT/CSV", "csv"),
    (BROWSER, "html"),
    ("application/sparql-results+json;q=abc, text/csv;q=0.3", "csv"),
]
GRAPH_CASES = [
    (None, "turtle"),
    ("*/*", "turtle"),
    (SW_TURTLE, "turtle"),
    (SW_N3, "turtle"),
    (SW_JSONLD, "jsonld"),
    ("application/rdf+xml", "rdfxml"),
    ("application/n-triples", "ntriples"),
    (SW_DEFAULT, "rdfxml"),
    (BROWSER, "html"),
    ("application/ld+json;q=0.9, text/turtle;q=0.8", "jsonld"),
]


@pytest.mark.parametrize(("accept", "expected"), RESULTS_CASES)
def test_results_format_follows_accept(accept: str | None, expected: str) -> None:
    assert negotiate(accept, RESULTS_MEDIA_TYPES) == expected


@pytest.mark.parametrize(("accept", "expected"), GRAPH_CASES)
def test_graph_format_follows_accept(accept: str | None, expected: str) -> None:
    assert negotiate(accept, GRAPH_MEDIA_TYPES) == expected


@pytest.mark.parametrize(
    ("accept", "table"),
    [
        ("application/x-foo", RESULTS_MEDIA_TYPES),
        ("text/turtle", RESULTS_MEDIA_TYPES),
        ("text/csv", GRAPH_MEDIA_TYPES),
        ("text/csv;q=0", RESULTS_MEDIA_TYPES),
        ("*/*;q=0", GRAPH_MEDIA_TYPES),
    ],
)
def test_unavailable_formats_are_not_acceptable(accept: str, table: dict[str, str]) -> None:
    with pytest.raises(NotAcceptable, match="available: "):
        negotiate(accept, table)


def test_parser_reads_q_values_and_skips_junk() -> None:
    ranges = parse_accept("text/html;level=1;q=0.7, junk, */*;q=2, image/*;q=-1")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "html", 0.7),
        ("*", "*", 1.0),
        ("image", "*", 0.0),
    ]
