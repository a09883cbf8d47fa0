"""The SPARQL 1.1 Protocol, spoken by SPARQLWrapper to a real ``tradekg serve``.

Every format SPARQLWrapper asks for parses back and agrees with ``tradekg query`` on the same
query; updates and SERVICE are refused by every route; the dataset can be narrowed to graphs
of the store and to nothing else.
"""

from __future__ import annotations

import csv
import io
import json
import socket
from pathlib import Path
from urllib.error import HTTPError

import httpx
import pytest
import rdflib
from helpers import run_cli
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper

TKG = "https://w3id.org/tradekg/ontology#"
ONTOLOGY_GRAPH = "https://w3id.org/tradekg/graph/ontology"
REPORT_GRAPH = "https://w3id.org/tradekg/graph/report/2023"
SELECT = f"""PREFIX tkg: <{TKG}> PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?chapter ?title ?page WHERE {{ ?chapter a tkg:Chapter ; dcterms:title ?title ; tkg:tocPage ?page }}
ORDER BY ?page ?chapter"""
CONSTRUCT = f"""PREFIX tkg: <{TKG}> PREFIX dcterms: <http://purl.org/dc/terms/>
CONSTRUCT {{ ?chapter dcterms:title ?title }} WHERE {{ ?chapter a tkg:Chapter ; dcterms:title ?title }}"""
ASK = f"ASK {{ ?c a <{TKG}Chapter> }}"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
INSERT = "INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }"


def client(server: str, query: str, fmt: str) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(f"{server}/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    return wrapper


def cli_json(built_dir: Path, query: str) -> dict:
    done = run_cli("query", query, "--data-dir", str(built_dir), "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def cli_rows(built_dir: Path, query: str) -> list[list[str]]:
    done = run_cli("query", query, "--data-dir", str(built_dir), "--format", "csv")
    assert done.returncode == 0, done.stderr
    return list(csv.reader(io.StringIO(done.stdout)))


def ntriples(binding: dict[str, str]) -> str:
    """A SPARQL JSON binding written as a TSV cell (N-Triples syntax)."""
    if binding["type"] == "uri":
        return f"<{binding['value']}>"
    text = json.dumps(binding["value"], ensure_ascii=False)
    if "xml:lang" in binding:
        return f"{text}@{binding['xml:lang']}"
    return f"{text}^^<{binding['datatype']}>" if "datatype" in binding else text


def count(server: str, **params: str) -> int:
    answer = httpx.get(f"{server}/sparql", params={"query": COUNT, **params})
    assert answer.status_code == 200, answer.text
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_select_in_json_xml_csv_tsv_agrees_with_tradekg_query(server: str, built_dir: Path) -> None:
    expected = cli_json(built_dir, SELECT)
    assert client(server, SELECT, JSON).queryAndConvert() == expected
    plain = [
        [b[v]["value"] for v in ("chapter", "title", "page")]
        for b in expected["results"]["bindings"]
    ]
    assert len(plain) >= 10 and cli_rows(built_dir, SELECT)[1:] == plain

    document = client(server, SELECT, XML).queryAndConvert()
    results = document.getElementsByTagName("result")
    from_xml = [
        [b.childNodes[0].firstChild.data for b in r.getElementsByTagName("binding")]
        for r in results
    ]
    assert from_xml == plain

    from_csv = list(csv.reader(io.StringIO(client(server, SELECT, CSV).queryAndConvert().decode())))
    assert from_csv == [["chapter", "title", "page"], *plain]

    tsv = client(server, SELECT, TSV).queryAndConvert().decode().rstrip("\n").split("\n")
    assert tsv[0] == "?chapter\t?title\t?page"
    assert [line.split("\t") for line in tsv[1:]] == [
        [ntriples(b[v]) for v in ("chapter", "title", "page")]
        for b in expected["results"]["bindings"]
    ]


def test_ask_agrees_with_tradekg_query(server: str, built_dir: Path) -> None:
    assert client(server, ASK, JSON).queryAndConvert() == cli_json(built_dir, ASK)
    document = client(server, ASK, XML).queryAndConvert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"


def test_construct_in_turtle_and_json_ld_agrees_with_tradekg_query(
    server: str, built_dir: Path
) -> None:
    done = run_cli("query", CONSTRUCT, "--data-dir", str(built_dir), "--format", "json")
    expected = set(rdflib.Graph().parse(data=done.stdout, format="turtle"))
    assert len(expected) >= 10
    turtle = client(server, CONSTRUCT, TURTLE).queryAndConvert()
    assert set(rdflib.Graph().parse(data=turtle, format="turtle")) == expected
    assert set(client(server, CONSTRUCT, JSONLD).queryAndConvert()) == expected


def test_post_form_and_direct_answer_like_get(server: str) -> None:
    expected = client(server, SELECT, JSON).queryAndConvert()
    for method in (POST, POSTDIRECTLY):
        wrapper = client(server, SELECT, JSON)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod("postdirectly" if method == POSTDIRECTLY else "urlencoded")
        assert wrapper.queryAndConvert() == expected


def test_updates_are_refused_by_every_route_and_change_nothing(server: str) -> None:
    before = count(server)
    attempts = [
        httpx.get(f"{server}/sparql", params={"query": INSERT}),
        httpx.get(f"{server}/sparql", params={"update": INSERT}),
        httpx.post(f"{server}/sparql", data={"update": INSERT}),
        httpx.post(f"{server}/sparql", data={"query": INSERT}),
        httpx.post(
            f"{server}/sparql",
            content=INSERT,
            headers={"Content-Type": "application/sparql-update"},
        ),
    ]
    for answer in attempts:
        assert answer.status_code == 403 and "read-only" in answer.json()["detail"]
    for method in ("urlencoded", "postdirectly"):
        wrapper = client(server, INSERT, JSON)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(method)
        with pytest.raises(HTTPError) as refused:
            wrapper.query()
        assert refused.value.code == 403
    assert count(server) == before


def test_service_is_refused_and_never_reaches_the_network(server: str) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        port = listener.getsockname()[1]
        target = f"http://127.0.0.1:{port}/"
        for query in [
            f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
            f"select * {{ service silent <{target}> {{ ?s ?p ?o }} }}",
            f"SELECT * FROM <{target}> WHERE {{ ?s ?p ?o }}",
        ]:
            with pytest.raises(HTTPError) as refused:
                client(server, query, JSON).query()
            assert refused.value.code == 403
        listener.settimeout(0.5)
        with pytest.raises(TimeoutError):
            listener.accept()


def test_dataset_narrows_to_graphs_of_the_store_only(server: str) -> None:
    everything = count(server)
    ontology = count(server, **{"default-graph-uri": ONTOLOGY_GRAPH})
    assert 0 < ontology < everything
    from_clause = f"SELECT (COUNT(*) AS ?n) FROM <{ONTOLOGY_GRAPH}> WHERE {{ ?s ?p ?o }}"
    answer = httpx.get(f"{server}/sparql", params={"query": from_clause}).json()
    assert int(answer["results"]["bindings"][0]["n"]["value"]) == ontology
    named = httpx.get(
        f"{server}/sparql",
        params={
            "query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }",
            "named-graph-uri": REPORT_GRAPH,
        },
    ).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [REPORT_GRAPH]
    foreign = httpx.get(
        f"{server}/sparql", params={"query": COUNT, "default-graph-uri": "http://example.org/g"}
    )
    assert foreign.status_code == 403 and "not in this dataset" in foreign.json()["detail"]


def test_no_query_answers_the_service_description(server: str) -> None:
    answer = httpx.get(f"{server}/sparql", headers={"Accept": "text/turtle"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=answer.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    endpoint = rdflib.URIRef(f"{server}/sparql")
    assert (endpoint, sd.supportedLanguage, sd.SPARQL11Query) in graph
    names = {str(o) for o in graph.objects(None, sd.name)}
    assert names == {ONTOLOGY_GRAPH, REPORT_GRAPH}


def test_browsers_get_the_editor_page(server: str) -> None:
    accept = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    empty = httpx.get(f"{server}/sparql", headers=accept)
    assert empty.status_code == 200 and "<textarea" in empty.text and "<script" not in empty.text
    filled = httpx.get(f"{server}/sparql", params={"query": SELECT}, headers=accept)
    assert filled.headers["content-type"].startswith("text/html")
    assert "<table>" in filled.text and 'href="/id/report/2023/chapter/' in filled.text


def test_errors_not_acceptable_and_cors(server: str) -> None:
    broken = httpx.get(f"{server}/sparql", params={"query": "SELECT * WHERE {"})
    assert broken.status_code == 400 and "\n" not in broken.json()["detail"]
    turtle_for_select = httpx.get(
        f"{server}/sparql", params={"query": SELECT}, headers={"Accept": "text/turtle"}
    )
    assert turtle_for_select.status_code == 406
    assert "application/sparql-results+json" in turtle_for_select.json()["detail"]
    cors = httpx.get(
        f"{server}/sparql", params={"query": ASK}, headers={"Origin": "https://example.org"}
    )
    assert cors.headers["access-control-allow-origin"] == "*"
