"""The HTTP API of ``tradekg serve``, over real HTTP against a real server process."""

from __future__ import annotations

import httpx

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_sparql_get_answers_sparql_json(server: str) -> None:
    response = httpx.get(f"{server}/sparql", params={"query": COUNT})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    binding = response.json()["results"]["bindings"][0]["n"]
    assert binding["datatype"].endswith("#integer") and int(binding["value"]) > 1000


def test_sparql_construct_answers_turtle(server: str) -> None:
    query = (
        "CONSTRUCT { ?c a ?t } WHERE { ?c a ?t ; <https://w3id.org/tradekg/ontology#tocPage> ?p }"
    )
    response = httpx.get(f"{server}/sparql", params={"query": query})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert "ontology#Chapter" in response.text


def test_malformed_query_is_400_with_the_parser_message(server: str) -> None:
    response = httpx.get(f"{server}/sparql", params={"query": "SELECT * WHERE {"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("query does not parse: error at 1:")


def test_updates_and_service_are_refused(server: str) -> None:
    for query in [
        "DELETE WHERE { ?s ?p ?o }",
        "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ]:
        response = httpx.get(f"{server}/sparql", params={"query": query})
        assert response.status_code == 403
    assert (
        int(
            httpx.get(f"{server}/sparql", params={"query": COUNT}).json()["results"]["bindings"][0][
                "n"
            ]["value"]
        )
        > 0
    )


def test_health_reports_triples_and_build(server: str, report_text: str) -> None:
    response = httpx.get(f"{server}/api/health")
    assert response.status_code == 200
    health = response.json()
    assert health["status"] == "ok"
    assert health["triples"] > 1000
    assert health["built_at"].startswith("20")
    assert health["editions"][0]["edition"] == 2023
    assert health["editions"][0]["lines"] == len(report_text.rstrip("\n").split("\n"))


def test_openapi_docs_are_served(server: str) -> None:
    assert httpx.get(f"{server}/docs").status_code == 200
    paths = httpx.get(f"{server}/openapi.json").json()["paths"]
    assert {"/sparql", "/api/health"} <= set(paths)
