"""The remote backend against a real ``oxigraph serve`` (the `oxigraph` package on PyPI).

One server per module, on a free port with a temporary location: the build is loaded with
``tradekg load``, every named query is compared with the embedded store, ``tradekg serve
--endpoint`` is compared with the embedded API, and the server is stopped and killed mid-load.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest
from helpers import free_port, run_cli

from tradekg import queries
from tradekg.graph.backends import graph_prefix
from tradekg.graph.remote import Endpoint, RemoteRunner
from tradekg.graph.remote_load import count
from tradekg.graph.store import open_store
from tradekg.graph.workers import QueryJob, run_job

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
pytestmark = pytest.mark.skipif(
    not Path(OXIGRAPH).exists(), reason="oxigraph server not installed (pip install oxigraph)"
)
B = "https://w3id.org/tradekg/id/"
CLI = [sys.executable, "-c", "from tradekg.api.cli import main; main()"]
PLAN = "算力基础设施高质量发展行动计划"
#: real IRIs of the built graph for the queries that take parameters
PARAMS: dict[str, dict[str, str]] = {
    "agreement": {"agreement": B + "agreement/RCEP"},
    "agreement_outcomes": {"agreement": B + "agreement/RCEP"},
    "audit_findings": {"severity": "contradiction"},
    "chapter_contributors": {"report": B + "report/2023"},
    "entity": {"entity": B + "sector/SI"},
    "entity_evidence": {"entity": B + "agency/MIIT"},
    "entity_graph": {"entity": B + "sector/SI"},
    "observations": {"sector": B + "sector/SI", "flow": B + "flow/export"},
    "policies": {"issuer": B + "agency/MIIT", "year": "2023"},
    "policy": {"policy": B + "policy/" + PLAN},
    "policy_outcomes": {"policy": B + "policy/" + PLAN},
    "policy_targets": {"policy": B + "policy/" + PLAN},
    "search": {"q": "数字", "lang": "zh"},
    "target_policies": {"target": B + "sector/SI"},
    "ui_counts": {"base": B},
    "ui_entities": {"base": B, "kind": "sector"},
}


class OxigraphServer:
    """An ``oxigraph serve`` process over one directory, which can be stopped and restarted."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [OXIGRAPH, "serve", "--location", str(self.location)]
        self.process = subprocess.Popen(
            [*command, "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.url}/query", params={"query": "ASK {}"}, timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("oxigraph serve did not answer within 30 s")

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)

    def endpoint(self) -> Endpoint:
        u = self.url
        return Endpoint(f"{u}/query", f"{u}/update", f"{u}/store")

    def load_args(self) -> list[str]:
        u = self.url
        urls = {"--endpoint": "query", "--update-endpoint": "update", "--store-endpoint": "store"}
        return [part for flag, path in urls.items() for part in (flag, f"{u}/{path}")]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph"))
    server.start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def loaded(oxigraph: OxigraphServer, built_dir: Path) -> OxigraphServer:
    """The server after ``tradekg load`` of the session's build."""
    done = run_cli("load", "--data-dir", str(built_dir), *oxigraph.load_args())
    assert done.returncode == 0, done.stderr
    assert "loaded 61" in done.stdout or "loaded" in done.stdout
    return oxigraph


def _graph_counts(data_dir: Path) -> dict[str, int]:
    store = open_store(data_dir)
    return {
        g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g))
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode)
    }


def test_loading_twice_does_not_duplicate_triples(loaded: OxigraphServer, built_dir: Path) -> None:
    expected = _graph_counts(built_dir)
    again = run_cli("load", "--data-dir", str(built_dir), *loaded.load_args(), "--quiet")
    assert again.returncode == 0, again.stderr
    assert {g: count(loaded.endpoint(), g) for g in expected} == expected
    assert all(g.startswith(graph_prefix()) for g in expected)


def _rows(body: bytes) -> list[tuple[tuple[str, str], ...]]:
    """SPARQL JSON rows as sorted, comparable tuples (a multiset of rows)."""
    document = json.loads(body)
    rows = [
        tuple(sorted((v, json.dumps(b, sort_keys=True)) for v, b in binding.items()))
        for binding in document["results"]["bindings"]
    ]
    return sorted(rows)


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_every_named_query_gives_the_same_rows(
    name: str, loaded: OxigraphServer, built_dir: Path
) -> None:
    query = queries.load(name)
    assert {p.name for p in query.params} <= set(PARAMS.get(name, {})) | {
        p.name for p in query.params if "optional" in p.description
    }
    job = QueryJob(query.text, PARAMS.get(name, {}), "json", "ntriples", row_cap=10**6)
    embedded = run_job(open_store(built_dir), job)
    runner = RemoteRunner(loaded.endpoint(), frozenset(_graph_counts(built_dir)), timeout=60)
    remote = runner.run(job)
    assert remote.kind == embedded.kind
    assert embedded.rows > 0, f"pick parameters that give {name} rows"
    if embedded.kind == "triples":
        assert sorted(remote.body.splitlines()) == sorted(embedded.body.splitlines())
    else:
        assert _rows(remote.body) == _rows(embedded.body)


def test_query_command_with_endpoint_prints_what_the_local_one_prints(
    loaded: OxigraphServer, built_dir: Path
) -> None:
    args = ["queries/observations.rq", "--format", "csv"]
    args += ["--param", f"sector={B}sector/SI", "--param", "period=2023"]
    local = run_cli("query", *args, "--data-dir", str(built_dir))
    remote = run_cli("query", *args, "--endpoint", f"{loaded.url}/query")
    assert remote.returncode == 0, remote.stderr
    assert sorted(remote.stdout.splitlines()) == sorted(local.stdout.splitlines())
    assert len(local.stdout.splitlines()) > 5


@pytest.fixture(scope="module")
def remote_api(loaded: OxigraphServer, built_dir: Path) -> Iterator[str]:
    """``tradekg serve --endpoint`` on the loaded server; yields its base URL."""
    port = free_port()
    where = ["--data-dir", str(built_dir), "--port", str(port), "--endpoint", f"{loaded.url}/query"]
    process = subprocess.Popen(
        [*CLI, "serve", *where],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx.get(f"{url}/api/queries", timeout=2)
            break
        except httpx.TransportError:
            time.sleep(0.2)
    assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_serve_endpoint_answers_the_linkage_api_like_the_embedded_store(
    remote_api: str, server: str
) -> None:
    path = f"/api/policies/{quote(PLAN)}/linkage"
    remote = httpx.get(remote_api + path, timeout=60)
    embedded = httpx.get(server + path, timeout=60)
    assert remote.status_code == embedded.status_code == 200, remote.text
    assert remote.json() == embedded.json()
    assert remote.json()["outcomes"]
    health = httpx.get(remote_api + "/api/health", timeout=60).json()
    assert health["triples"] == httpx.get(server + "/api/health", timeout=60).json()["triples"]


def test_a_down_server_is_503_with_a_clear_message(remote_api: str, loaded: OxigraphServer) -> None:
    loaded.kill()
    try:
        answer = httpx.get(f"{remote_api}/api/policies/{quote(PLAN)}/linkage", timeout=60)
        assert answer.status_code == 503
        assert "unreachable" in answer.json()["detail"]
        sparql = httpx.get(f"{remote_api}/sparql", params={"query": "ASK {}"}, timeout=60)
        assert sparql.status_code == 503
    finally:
        loaded.start()


def test_killing_the_server_mid_load_fails_the_load_and_keeps_the_graph(
    loaded: OxigraphServer, built_dir: Path
) -> None:
    expected = _graph_counts(built_dir)
    load = subprocess.Popen(
        [*CLI, "load", "--data-dir", str(built_dir), *loaded.load_args()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert load.stderr is not None
    for line in load.stderr:
        if line.startswith("tradekg: loading") and "/graph/report/" in line:
            break
    time.sleep(0.3)
    loaded.kill()
    _, rest = load.communicate(timeout=120)
    errors = [line for line in rest.splitlines() if line.startswith("tradekg: error:")]
    assert load.returncode == 3, rest
    assert len(errors) == 1 and "load failed" in errors[0] and "unchanged" in errors[0]
    loaded.start()
    assert {g: count(loaded.endpoint(), g) for g in expected} == expected
