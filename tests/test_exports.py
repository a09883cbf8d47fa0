"""Exports for desktop tools: the graph view's data, written through networkx, loads back with
the same nodes and edges; the whole graph exports in every format from the CLI and the API."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import quote

import httpx
import networkx as nx
import pyoxigraph as ox
import pytest
from helpers import run_cli

from tradekg.api.routes.ui import _json_for_html, render
from tradekg.graph.networkx_export import GraphFormat, view_to_networkx, write_graph

POLICY = "算力基础设施高质量发展行动计划"
READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


def _view(server: str, kind: str, key: str) -> dict:
    response = httpx.get(f"{server}/api/graph/{kind}/{quote(key)}", timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("kind", "key"), [("policy", POLICY), ("sector", "SI"), ("agreement", "RCEP")]
)
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_exported_view_loads_back_with_the_view_counts(
    server: str, kind: str, key: str, fmt: str
) -> None:
    view = _view(server, kind, key)
    response = httpx.get(f"{server}/api/export/{kind}/{quote(key)}?format={fmt}", timeout=30)
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    graph = READERS[fmt](io.BytesIO(response.content))
    assert graph.number_of_nodes() == len(view["nodes"])
    assert graph.number_of_edges() == len(view["edges"])
    assert {str(n) for n in graph.nodes} == {n["id"] for n in view["nodes"]}


def test_linkage_view_holds_issuer_target_and_outcomes(server: str) -> None:
    view = _view(server, "policy", POLICY)
    ids = {n["id"].rsplit("/", 2)[-2] + "/" + n["id"].rsplit("/", 1)[-1] for n in view["nodes"]}
    assert {"agency/MIIT", "sector/SI"} <= ids
    kinds = {(e["kind"], e["basis"]) for e in view["edges"]}
    assert ("targets", "chapter") in kinds
    assert any(n["kind"] == "observation" and n["quote"] for n in view["nodes"])
    sector = next(n for n in view["nodes"] if n["id"].endswith("/sector/SI"))
    assert sector["href"] == "/ui/sector/SI"


def test_cytoscape_json_keeps_every_node() -> None:
    view = {
        "nodes": [{"id": "a", "label_zh": "甲", "kind": "policy"}, {"id": "b", "kind": "sector"}],
        "edges": [{"source": "a", "target": "b", "kind": "targets", "basis": "title"}],
    }
    data = json.loads(write_graph(view_to_networkx(view), GraphFormat.CYJS))
    assert len(data["elements"]["nodes"]) == 2
    assert data["elements"]["edges"][0]["data"]["basis"] == "title"


@pytest.mark.parametrize("fmt", ["graphml", "nt"])
def test_cli_exports_the_whole_graph(built_dir: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = run_cli("export", "--format", fmt, "--data-dir", str(built_dir), "--output", str(out))
    assert result.returncode == 0, result.stderr
    if fmt == "graphml":
        graph = nx.read_graphml(out)
        assert graph.number_of_nodes() > 1000
        assert graph.nodes[next(iter(graph.nodes))]["label"]
    else:
        triples = list(ox.parse(out.read_bytes(), format=ox.RdfFormat.N_TRIPLES))
        assert len(triples) == int(_triple_count(built_dir))


def _triple_count(built_dir: Path) -> str:
    return json.loads((built_dir / "current" / "build.json").read_text())["triples"]


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_api_exports_rdf_that_parses(server: str, fmt: str) -> None:
    response = httpx.get(f"{server}/api/export?format={fmt}", timeout=60)
    assert response.status_code == 200
    parsed = ox.parse(
        response.content, format=ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.JSON_LD
    )
    assert sum(1 for _ in parsed) > 10000


def test_pages_escape_what_the_graph_says() -> None:
    hostile = '</script><script>alert(1)</script>&"'
    page = render("resource", hostile, {"title": hostile})
    assert "<script>alert" not in page
    assert "</script><script>" not in _json_for_html({"x": hostile})
    assert json.loads(_json_for_html({"x": hostile})) == {"x": hostile}


def test_plain_pages_link_to_the_explorer(server: str) -> None:
    html = {"Accept": "text/html"}
    sector = httpx.get(f"{server}/id/sector/SI", headers=html, timeout=30).text
    assert 'href="/ui/sector/SI"' in sector
    policy = httpx.get(f"{server}/id/policy/{quote(POLICY)}", headers=html, timeout=30).text
    assert f'href="/ui/policy/{quote(POLICY, safe="")}"' in policy
    assert 'href="/ui/sparql"' in httpx.get(f"{server}/sparql", headers=html, timeout=30).text
