"""The JSON API over real HTTP: search, entities, observations, named queries, dereferencing."""

from __future__ import annotations

import io
import re
from pathlib import Path

import httpx
import pandas as pd
import pytest
import rdflib

from tradekg import queries

ID = "https://w3id.org/tradekg/id/"
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
#: Parameters that make each query's answer non-empty on the 2023 report (others run unbound).
SAMPLE_PARAMS = {
    "search": {"q": "MIIT"},
    "entity": {"entity": ID + "sector/SI"},
    "entity_evidence": {"entity": ID + "agency/MIIT"},
    "entity_graph": {"entity": ID + "region/CN"},
    "observations": {"sector": ID + "sector/SI", "period": "2023"},
}


def get(server: str, path: str, **params: str) -> httpx.Response:
    return httpx.get(f"{server}{path}", params=params, timeout=30)


@pytest.mark.parametrize(
    ("q", "lang", "expected"),
    [
        ("MIIT", None, "agency/MIIT"),
        ("工信部", "zh", "agency/MIIT"),
        ("ict services", "en", "sector/SI"),
    ],
)
def test_search_finds_labels_and_abbreviations(
    server: str, q: str, lang: str | None, expected: str
) -> None:
    answer = get(server, "/api/search", q=q, **({"lang": lang} if lang else {}))
    assert answer.status_code == 200
    hits = answer.json()["hits"]
    assert hits[0]["iri"] == ID + expected
    assert set(hits[0]) == {
        "iri",
        "type",
        "id",
        "label_zh",
        "label_en",
        "matched",
        "matched_lang",
        "match",
    }
    assert hits[0]["label_zh"] and hits[0]["label_en"]
    if lang:
        assert {h["matched_lang"] for h in hits} == {lang}


def test_search_needs_text(server: str) -> None:
    assert get(server, "/api/search").status_code == 422


def test_agency_has_both_labels_and_its_footnote(server: str) -> None:
    agency = get(server, "/api/agencies/MIIT").json()
    assert agency["pref_label"] == {
        "zh": "工业和信息化部",
        "en": "Ministry of Industry and Information Technology",
    }
    assert "工信部" in agency["alt_labels"]["zh"]
    assert agency["links"]["subOrganizationOf"] == [ID + "agency/SC"]
    contributed = [e for e in agency["evidence"] if e["via"] == "contributor"]
    assert (
        contributed and "工业和信息化部" in contributed[0]["quote"] and contributed[0]["line"] > 0
    )


def test_sector_and_region_carry_labels_and_evidence(server: str) -> None:
    sector = get(server, "/api/sectors/SI").json()
    assert sector["notation"] == ["SI"] and set(sector["pref_label"]) == {"zh", "en"}
    assert sector["evidence"] and all(e["via"] == "sector" for e in sector["evidence"])
    region = get(server, "/api/regions/CN").json()
    assert region["pref_label"]["zh"] == "中国" and region["evidence"]


@pytest.mark.parametrize("path", ["/api/regions/NO-SUCH", "/api/agencies/SI", "/api/sectors/MIIT"])
def test_unknown_or_mistyped_entities_are_404(server: str, path: str) -> None:
    answer = get(server, path)
    assert answer.status_code == 404 and "no " in answer.json()["detail"]


def test_observations_csv_reads_in_pandas(server: str) -> None:
    answer = get(server, "/api/observations", sector="SI", period="2023", format="csv")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    frame = pd.read_csv(io.StringIO(answer.text))
    assert len(frame) > 0
    assert set(frame["sector"]) == {"SI"} and set(frame["period"].astype(str)) == {"2023"}
    assert {"value", "unit", "quote", "line"} <= set(frame.columns)


def test_observations_json_filters_by_short_ids(server: str) -> None:
    answer = get(server, "/api/observations", sector="SI", flow="export", measure="value").json()
    assert answer["count"] == len(answer["observations"]) > 0
    assert {(o["sector"], o["flow"], o["measure"]) for o in answer["observations"]} == {
        ("SI", "export", "value")
    }
    assert get(server, "/api/observations", sector="S I").status_code == 400


def test_catalogue_lists_every_named_query(server: str) -> None:
    listed = {q["name"]: q for q in get(server, "/api/queries").json()}
    assert set(listed) == set(queries.catalogue())
    assert [p["name"] for p in listed["search"]["parameters"]] == ["q", "lang"]


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_every_named_query_runs_by_name(server: str, name: str) -> None:
    params = SAMPLE_PARAMS.get(name, {})
    answer = get(server, f"/api/queries/{name}", **params)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["name"] == name and body["count"] == len(body["rows"])
    if params or not queries.load(name).params:
        assert body["rows"], f"{name} answered no rows"
    as_csv = get(server, f"/api/queries/{name}", format="csv", **params)
    assert as_csv.status_code == 200
    assert len(pd.read_csv(io.StringIO(as_csv.text))) == body["count"]


def test_named_query_refuses_parameters_it_does_not_declare(server: str) -> None:
    answer = get(server, "/api/queries/triple_count", sector="SI")
    assert answer.status_code == 400 and "no parameter sector" in answer.json()["detail"]
    assert get(server, "/api/queries/no_such_query").status_code == 404


def test_iris_dereference_to_turtle_json_ld_and_html(server: str) -> None:
    turtle = httpx.get(f"{server}/id/sector/SI", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    assert (rdflib.URIRef(ID + "sector/SI"), SKOS.notation, rdflib.Literal("SI")) in graph
    jsonld = httpx.get(f"{server}/id/sector/SI", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert set(rdflib.Graph().parse(data=jsonld.text, format="json-ld")) == set(graph)
    page = httpx.get(f"{server}/id/sector/SI", headers=BROWSER)
    assert page.headers["content-type"].startswith("text/html") and "电信" in page.text
    assert httpx.get(f"{server}/id/sector/NO-SUCH").status_code == 404


def test_readme_documents_every_route_and_serve_option(server: str) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## HTTP API", 1)[1].split("\n## ", 1)[0]
    documented = {
        re.sub(r"\{[^}]*\}|…", "{}", m) for m in re.findall(r"`(?:GET|POST) ([^`?]+)", section)
    }
    paths = httpx.get(f"{server}/openapi.json").json()["paths"]
    missing = {re.sub(r"\{[^}]*\}", "{}", p) for p in paths} - documented
    assert not missing, f"routes missing from README's HTTP API table: {sorted(missing)}"
    for option in ("--query-timeout", "--row-cap", "--query-workers", "--max-body-bytes"):
        assert option in readme, f"tradekg serve {option} is not in README"
