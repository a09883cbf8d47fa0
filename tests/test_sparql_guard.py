"""The query guard: what is refused before any engine sees a query, and what passes."""

from __future__ import annotations

import pytest

from tradekg.graph.guard import MAX_NESTING, QueryRejected, check_query

GRAPHS = {"https://w3id.org/tradekg/graph/ontology", "https://w3id.org/tradekg/graph/report/2023"}

REFUSED = [
    ("INSERT DATA { <a:s> <a:p> <a:o> }", 403, "read-only"),
    ("delete where { ?s ?p ?o }", 403, "read-only"),
    ("LOAD <http://example.org/data.ttl>", 403, "read-only"),
    ("CLEAR ALL", 403, "read-only"),
    ("WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", 403, "read-only"),
    ("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 403, "SERVICE"),
    ("select * {service silent <http://x/>{?s ?p ?o}}", 403, "SERVICE"),
    ("SELECT * { SERVICE?endpoint { ?s ?p ?o } }", 403, "SERVICE"),
    ("SELECT * FROM <http://example.org/remote.ttl> { ?s ?p ?o }", 403, "not in this dataset"),
    ("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }", 403, "not in this dataset"),
    ("SELECT * FROM NAMED <http://evil/> { GRAPH ?g { ?s ?p ?o } }", 403, "not in this dataset"),
    ("PREFIX e: <http://evil/> SELECT * FROM e:g { ?s ?p ?o }", 403, "not in this dataset"),
    ("SELECT * FROM x:g { ?s ?p ?o }", 400, "not declared"),
    ("SELECT * FROM <relative> { ?s ?p ?o }", 400, "full IRI"),
    ("SELECT * {" + "{" * (MAX_NESTING + 1) + "}" * (MAX_NESTING + 1) + "}", 400, "nests"),
    ("SELECT * { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }", 400, "nests"),
    ("SELECT * {} #" + "x" * 100_001, 413, "characters"),
]

ALLOWED = [
    ("SELECT ?insert ?service WHERE { ?insert ?p ?service }", "SELECT"),
    ('SELECT * { ?s ?p "DELETE this; SERVICE that; FROM <http://x/>" }', "SELECT"),
    ("SELECT * { ?s ?p ?o } # SERVICE <http://x/> in a comment", "SELECT"),
    ("SELECT * { ?s <http://example.org/service#load> ?o }", "SELECT"),
    ("ASK { ?s ?p ?o FILTER(?o<3) }", "ASK"),
    ("PREFIX : <http://x/> CONSTRUCT { ?s :p ?o } WHERE { ?s ?q ?o }", "CONSTRUCT"),
    ("DESCRIBE <https://w3id.org/tradekg/id/sector/SI>", "DESCRIBE"),
    ("SELECT * FROM <https://w3id.org/tradekg/graph/ontology> { ?s ?p ?o }", "SELECT"),
    ('SELECT ("x"@add AS ?l) {}', "SELECT"),
]


@pytest.mark.parametrize(("query", "status", "words"), REFUSED)
def test_refused_before_the_engine(query: str, status: int, words: str) -> None:
    with pytest.raises(QueryRejected, match=words) as caught:
        check_query(query, GRAPHS)
    assert caught.value.status == status


@pytest.mark.parametrize(("query", "form"), ALLOWED)
def test_allowed_queries_pass_with_their_form(query: str, form: str) -> None:
    assert check_query(query, GRAPHS).form == form


def test_from_names_the_dataset_only_when_given_graphs() -> None:
    query = "SELECT * FROM <https://w3id.org/tradekg/graph/ontology> { ?s ?p ?o }"
    assert check_query(query, GRAPHS).has_dataset
    with pytest.raises(QueryRejected):
        check_query(query)
