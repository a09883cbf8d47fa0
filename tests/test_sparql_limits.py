"""A public endpoint cannot be stalled or broken: time limit, row cap, concurrency, hostile input.

These run against their own ``tradekg serve`` with a 3 s query limit, a 100-row cap and two
query workers, so a timeout costs seconds, not the default ten.
"""

from __future__ import annotations

import contextlib
import csv
import io
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from helpers import free_port

LIMIT = 3.0
CAP = 100
ASK = "ASK { ?s ?p ?o }"
SIMPLE = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/tradekg/ontology#Chapter> }"
# A fourfold cross join of ~50k triples with string functions: ~10^18 rows to filter.
EXPLOSIVE = """SELECT (COUNT(*) AS ?n) WHERE {
  ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l
  FILTER(CONTAINS(CONCAT(STR(?c), STR(?f), STR(?i), STR(?l)), "no such text"))
}"""


@pytest.fixture(scope="module")
def limited(built_dir: Path) -> Iterator[str]:
    """``tradekg serve`` with a short time limit and a small row cap; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-c", "from tradekg.api.cli import main; main()", "serve"]
    options = ["--data-dir", str(built_dir), "--port", str(port), "--query-timeout", str(LIMIT)]
    options += ["--row-cap", str(CAP), "--query-workers", "2"]
    process = subprocess.Popen(
        command + options, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "tradekg serve exited"
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("tradekg serve did not answer within 60 s")


def sparql(url: str, query: str, **kwargs: object) -> httpx.Response:
    return httpx.get(f"{url}/sparql", params={"query": query}, timeout=30, **kwargs)  # type: ignore[arg-type]


def answers(url: str) -> bool:
    return sparql(url, ASK).json() == {"head": {}, "boolean": True}


def test_explosive_query_times_out_while_others_are_answered(limited: str) -> None:
    outcome: dict[str, object] = {}

    def explode() -> None:
        started = time.monotonic()
        outcome["response"] = sparql(limited, EXPLOSIVE)
        outcome["seconds"] = time.monotonic() - started

    runaway = threading.Thread(target=explode)
    runaway.start()
    time.sleep(0.5)
    started = time.monotonic()
    simple = sparql(limited, SIMPLE)
    simple_seconds = time.monotonic() - started
    runaway.join(timeout=LIMIT + 10)

    assert simple.status_code == 200 and simple_seconds < 1.0
    response = outcome["response"]
    assert isinstance(response, httpx.Response)
    assert response.status_code == 503 and "time limit" in response.json()["detail"]
    assert float(outcome["seconds"]) <= LIMIT + 2  # type: ignore[arg-type]
    assert answers(limited)


def test_fifty_concurrent_simple_queries_all_succeed(limited: str) -> None:
    with ThreadPoolExecutor(max_workers=50) as threads:
        responses = list(threads.map(lambda _: sparql(limited, SIMPLE), range(50)))
    assert [r.status_code for r in responses] == [200] * 50
    counts = {r.json()["results"]["bindings"][0]["n"]["value"] for r in responses}
    assert len(counts) == 1 and int(counts.pop()) >= 10


def test_row_cap_cuts_and_says_so(limited: str) -> None:
    everything = "SELECT * WHERE { ?s ?p ?o }"
    as_json = sparql(limited, everything)
    assert as_json.headers["x-result-truncated"] == "true"
    assert len(as_json.json()["results"]["bindings"]) == CAP and as_json.json()["truncated"]
    as_csv = sparql(limited, everything, headers={"Accept": "text/csv"})
    assert as_csv.headers["x-result-truncated"] == "true"
    assert len(list(csv.reader(io.StringIO(as_csv.text)))) == CAP + 1
    graph = sparql(limited, "CONSTRUCT WHERE { ?s ?p ?o }", headers={"Accept": "text/turtle"})
    assert graph.headers["x-result-truncated"] == "true" and graph.text.startswith(
        "# result truncated"
    )
    small = sparql(limited, SIMPLE)
    assert "x-result-truncated" not in small.headers and "truncated" not in small.json()


def raw_get(url: str, target: bytes) -> bytes:
    """Send a request line as given (httpx refuses very long URLs), return the status line."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        with contextlib.suppress(OSError):  # the server may close before the line is sent
            sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        return sock.recv(200).split(b"\r\n")[0]


def test_hostile_input_gets_4xx_and_the_server_keeps_answering(limited: str) -> None:
    deep = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    assert sparql(limited, deep).status_code == 400
    assert answers(limited)

    huge = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 2_000_000
    assert httpx.post(f"{limited}/sparql", data={"query": huge}).status_code == 413
    direct = httpx.post(
        f"{limited}/sparql", content=huge, headers={"Content-Type": "application/sparql-query"}
    )
    assert direct.status_code == 413
    assert raw_get(limited, b"/sparql?query=" + b"x" * 2_000_000).split(b" ")[1].startswith(b"4")
    assert answers(limited)

    started = time.monotonic()
    regex = sparql(limited, f"SELECT (REGEX('{'a' * 40}!', '^(a+)+$') AS ?m) {{}}")
    assert regex.status_code in (200, 503) and time.monotonic() - started <= LIMIT + 2
    assert answers(limited)

    assert raw_get(limited, b"/sparql?query=SELECT%20%FF%FE%20%7B%7D").startswith(b"HTTP/1.1 400")
    invalid = httpx.post(
        f"{limited}/sparql",
        content=b"SELECT * { ?s ?p \xff\xfe }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert invalid.status_code == 400 and "UTF-8" in invalid.json()["detail"]
    assert sparql(limited, ASK, headers={"Accept": "application/x-unknown"}).status_code == 406
    assert answers(limited)
