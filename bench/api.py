"""HTTP throughput: `tradekg serve` vs rdflib-endpoint serving the same graph, under load.

Starts both servers on the built graph (rdflib-endpoint from the same triples exported as
N-Triples, in rdflib's in-memory store), then drives each with ``--clients`` concurrent
keep-alive connections for ``--seconds`` (an asyncio + httpx load generator in this process):

- linkage: ``GET /api/policies/{id}/linkage`` on tradekg; on rdflib-endpoint the same three
  queries the route runs (policy, policy_targets, policy_outcomes, the document bound in a
  VALUES block), one after the other, count as one linkage;
- sparql: the named query ``chapter_contributors`` as ``GET /sparql?query=…`` (rdflib-endpoint
  answers SPARQL at ``/``).

Requests per second and latency percentiles (ms) per server and workload. Needs the ``bench``
extra (``pip install -e '.[bench]'``).

    .venv/bin/python bench/api.py [--clients 8] [--seconds 15] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from common import TRADEKG, build_graph, documents, summary, write_result

from tradekg import queries
from tradekg.graph.binding import with_values
from tradekg.graph.query import to_term

Request = Callable[[httpx.AsyncClient], Awaitable[None]]
SPARQL_JSON = {"Accept": "application/sparql-results+json"}


def start(command: list[str], url: str, timeout: float = 60.0) -> subprocess.Popen[bytes]:
    """Start a server and wait until ``url`` answers 200."""
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.kill()
    raise RuntimeError(f"{command[0]} did not answer on {url}")


async def load(url: str, request: Request, clients: int, seconds: float) -> dict[str, float]:
    """``clients`` loops issuing ``request`` for ``seconds``: requests/s and latencies.

    Requests still running ``seconds`` after the end are cut and counted as ``unfinished``
    (rdflib-endpoint can take minutes over a busy linkage)."""
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=None) as client:
        stop = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                clock = time.perf_counter()
                try:
                    await request(client)
                    latencies.append((time.perf_counter() - clock) * 1000)
                except httpx.HTTPError:
                    errors += 1

        started = time.perf_counter()
        tasks = [asyncio.create_task(worker()) for _ in range(clients)]
        _, pending = await asyncio.wait(tasks, timeout=2 * seconds)
        for task in pending:
            task.cancel()
        elapsed = time.perf_counter() - started
    figures = summary(latencies) if latencies else {"n": 0}
    rps = round(len(latencies) / elapsed, 2)
    return {"rps": rps, "errors": errors, "unfinished": len(pending), **figures}


def get(path: str, **params: str) -> Request:
    """A GET of ``path`` that must answer 200."""

    async def request(client: httpx.AsyncClient) -> None:
        response = await client.get(path, params=params or None, headers=SPARQL_JSON)
        response.raise_for_status()

    return request


def chain(*steps: Request) -> Request:
    """Several requests one after the other, as one."""

    async def request(client: httpx.AsyncClient) -> None:
        for step in steps:
            await step(client)

    return request


def linkage(policy: str, endpoint: str) -> dict[str, Request]:
    """A document's linkage on each server: the route, and the three queries it runs."""
    bound = [
        with_values(queries.load(n).text, {"policy": to_term(policy)})
        for n in ("policy", "policy_targets", "policy_outcomes")
    ]
    return {
        "tradekg": get(f"/api/policies/{policy.rsplit('/policy/', 1)[1]}/linkage"),
        "rdflib-endpoint": chain(*(get(endpoint, query=q) for q in bound)),
    }


def workloads(policies: dict[str, str], endpoint: str) -> dict[str, dict[str, Request]]:
    """The workloads on each server: a plain SPARQL query and the linkage of each document."""
    contributors = queries.load("chapter_contributors").text
    # The plain query first: a server keeps working on requests the load generator gave up
    # on, so rdflib-endpoint stays busy with cut linkages for minutes after their workload.
    return {
        "sparql": {
            "tradekg": get("/sparql", query=contributors),
            "rdflib-endpoint": get(endpoint, query=contributors),
        },
        **{f"linkage-{kind}": linkage(iri, endpoint) for kind, iri in policies.items()},
    }


def serve_both(data_dir: Path, ports: tuple[int, int]) -> list[subprocess.Popen[bytes]]:
    """`tradekg serve` and rdflib-endpoint on the same graph."""
    dump = data_dir / "graph.nt"
    export = [TRADEKG, "export", "--format", "nt", "--data-dir", str(data_dir)]
    subprocess.run([*export, "--output", str(dump)], check=True, capture_output=True)
    peer = str(Path(sys.executable).parent / "rdflib-endpoint")
    ours = start(
        [TRADEKG, "serve", "--data-dir", str(data_dir), "--port", str(ports[0])],
        f"http://127.0.0.1:{ports[0]}/api/health",
    )
    try:
        theirs = start(
            [peer, "serve", str(dump), "--host", "127.0.0.1", "--port", str(ports[1])],
            f"http://127.0.0.1:{ports[1]}/?query=ASK%7B%7D",
        )
    except RuntimeError:
        ours.terminate()
        raise
    return [ours, theirs]


def run(data_dir: Path, clients: int, seconds: float) -> dict[str, dict[str, dict[str, float]]]:
    """Both workloads on both servers, one after the other (never at once)."""
    policies = documents(data_dir)
    ports = (8731, 8732)
    servers = serve_both(data_dir, ports)
    urls = {
        "tradekg": f"http://127.0.0.1:{ports[0]}",
        "rdflib-endpoint": f"http://127.0.0.1:{ports[1]}",
    }
    figures: dict[str, dict[str, dict[str, float]]] = {}
    try:
        for workload, requests in workloads(policies, "/").items():
            for server, request in requests.items():
                result = asyncio.run(load(urls[server], request, clients, seconds))
                figures.setdefault(workload, {})[server] = result
                print(f"{workload:8} {server:16} {result}")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    figures["documents"] = policies  # type: ignore[assignment]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp())
    if args.data_dir is None:
        build_graph(data_dir)
    figures = run(data_dir, args.clients, args.seconds)
    print(write_result("api", {"clients": args.clients, "seconds": args.seconds, **figures}))


if __name__ == "__main__":
    main()
