"""HTTP throughput: `tradekg serve` vs rdflib-endpoint serving the same graph, under load.

Starts both servers on the built graph (rdflib-endpoint from the same triples exported as
N-Triples, in rdflib's in-memory store) and drives each with ``--clients`` concurrent
keep-alive connections for ``--seconds``, once per client count:

- sparql: the named query ``chapter_contributors`` as ``GET /sparql?query=…`` (rdflib-endpoint
  answers SPARQL at ``/``), the same request each time;
- linkage-all: ``GET /api/policies/{id}/linkage`` for every document of the graph in turn;
  on rdflib-endpoint the three queries that route runs (policy, policy_targets,
  policy_outcomes, the document bound in a VALUES block), one after the other, as one linkage;
- linkage-heavy: the same over the ten documents with the most links.

The load comes from Debian's ``wrk`` (one thread, a Lua script walking the workload's URLs),
installed with apt-get when missing. The rdflib-endpoint linkage, three requests in sequence
per document, is not one wrk request: it runs on an asyncio + httpx generator in this process
and is cut after twice ``--seconds`` (*unfinished*). Each measurement also records the CPU
used meanwhile by the server, by the generator and by everything else on the machine, so a
busy machine shows in the figures. rdflib-endpoint keeps working on linkages the generator
gave up on, so it is restarted after each linkage workload.

    .venv/bin/python bench/api.py [--clients 4 8] [--seconds 10] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx
from common import TRADEKG, all_documents, build_graph, summary, write_result
from procfs import machine_cpu, tree_cpu
from wrk import find_wrk, with_wrk

from tradekg import queries
from tradekg.graph.binding import with_values
from tradekg.graph.query import to_term

Request = Callable[[httpx.AsyncClient], Awaitable[None]]
SPARQL_JSON = {"Accept": "application/sparql-results+json"}
PORTS = (8731, 8732)
HEAVY = 10
LINKAGE_QUERIES = ("policy", "policy_targets", "policy_outcomes")


async def load(url: str, walk: Iterator[Request], clients: int, seconds: float) -> dict[str, Any]:
    """``clients`` loops issuing the requests of ``walk`` in turn for ``seconds``.

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
                request = next(walk)
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


def get(path: str) -> Request:
    """A GET of ``path`` that must answer 200."""

    async def request(client: httpx.AsyncClient) -> None:
        response = await client.get(path, headers=SPARQL_JSON)
        response.raise_for_status()

    return request


def chain(*steps: Request) -> Request:
    """Several requests one after the other, as one."""

    async def request(client: httpx.AsyncClient) -> None:
        for step in steps:
            await step(client)

    return request


def sparql_path(endpoint: str, query: str) -> str:
    """``query`` as a SPARQL protocol GET on ``endpoint``."""
    return f"{endpoint}?{urlencode({'query': query})}"


def linkage_path(policy: str) -> str:
    """The linkage route of the document ``policy`` (an IRI)."""
    return f"/api/policies/{quote(policy.rsplit('/policy/', 1)[1], safe='')}/linkage"


def peer_linkage(policy: str) -> Request:
    """On rdflib-endpoint, the three queries of a document's linkage, in sequence."""
    bound = [
        with_values(queries.load(name).text, {"policy": to_term(policy)})
        for name in LINKAGE_QUERIES
    ]
    return chain(*(get(sparql_path("/", query)) for query in bound))


def workloads(policies: list[str]) -> dict[str, dict[str, Any]]:
    """Per workload: the URLs tradekg is sent in turn, and the peer's requests."""
    contributors = queries.load("chapter_contributors").text
    chosen = {"linkage-all": policies, "linkage-heavy": policies[:HEAVY]}
    return {
        "sparql": {
            "tradekg": [sparql_path("/sparql", contributors)],
            "rdflib-endpoint": [sparql_path("/", contributors)],
        },
        **{
            name: {
                "tradekg": [linkage_path(p) for p in documents],
                "rdflib-endpoint": [peer_linkage(p) for p in documents],
            }
            for name, documents in chosen.items()
        },
    }


def start(command: list[str], url: str, timeout: float = 90.0) -> subprocess.Popen[bytes]:
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


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


class Servers:
    """`tradekg serve` and rdflib-endpoint on the same graph; the peer can be restarted."""

    def __init__(self, data_dir: Path) -> None:
        self.dump = data_dir / "graph.nt"
        export = [TRADEKG, "export", "--format", "nt", "--data-dir", str(data_dir)]
        subprocess.run([*export, "--output", str(self.dump)], check=True, capture_output=True)
        self.urls = {
            "tradekg": f"http://127.0.0.1:{PORTS[0]}",
            "rdflib-endpoint": f"http://127.0.0.1:{PORTS[1]}",
        }
        self.processes = {
            "tradekg": start(
                [TRADEKG, "serve", "--data-dir", str(data_dir), "--port", str(PORTS[0])],
                self.urls["tradekg"] + "/api/health",
            )
        }
        try:
            self.restart_peer()
        except RuntimeError:
            self.close()
            raise

    def restart_peer(self) -> None:
        if "rdflib-endpoint" in self.processes:
            stop(self.processes.pop("rdflib-endpoint"))
        peer = str(Path(sys.executable).parent / "rdflib-endpoint")
        command = [peer, "serve", str(self.dump), "--host", "127.0.0.1", "--port", str(PORTS[1])]
        self.processes["rdflib-endpoint"] = start(
            command, self.urls["rdflib-endpoint"] + "/?query=ASK%7B%7D"
        )

    def close(self) -> None:
        for process in self.processes.values():
            stop(process)


def metered(pid: int, measure: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """``measure()`` with the cores used meanwhile by server ``pid``, the generator and the rest."""
    clock = time.perf_counter()
    machine, server = machine_cpu(), tree_cpu(pid)
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = measure()
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter() - clock
    generator = sum(
        a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime
        for a, b in zip(after, before, strict=True)
    )
    server = tree_cpu(pid) - server
    other = machine_cpu() - machine - server - generator
    cores = {
        "server": server / wall,
        "generator": generator / wall,
        "other": max(0.0, other / wall),
    }
    return {**figures, "cores": {k: round(v, 2) for k, v in cores.items()}}


def measure(
    wrk: str, servers: Servers, server: str, requests: list[Any], clients: int, seconds: int
) -> dict[str, Any]:
    """One workload on one server: URLs through wrk, the peer's linkage through httpx."""
    url, pid = servers.urls[server], servers.processes[server].pid
    if isinstance(requests[0], str):
        headers = SPARQL_JSON if "query=" in requests[0] else {}
        return {
            "generator": "wrk",
            **metered(pid, lambda: with_wrk(wrk, url, requests, headers, clients, seconds)),
        }
    walk = itertools.cycle(requests)
    return {
        "generator": "httpx",
        **metered(pid, lambda: asyncio.run(load(url, walk, clients, seconds))),
    }


def run(data_dir: Path, clients: list[int], seconds: int) -> dict[str, Any]:
    """Every workload at every client count, tradekg then rdflib-endpoint (never at once)."""
    wrk = find_wrk()
    policies = all_documents(data_dir)
    servers = Servers(data_dir)
    runs: list[dict[str, Any]] = []
    try:
        for count in clients:
            for workload, sent in workloads(policies).items():
                for server, requests in sent.items():
                    row = {"workload": workload, "server": server, "clients": count}
                    result = measure(wrk, servers, server, requests, count, seconds)
                    runs.append({**row, **result})
                    print(json.dumps(runs[-1], ensure_ascii=False), flush=True)
                    if server == "rdflib-endpoint" and workload.startswith("linkage"):
                        servers.restart_peer()
    finally:
        servers.close()
    return {"documents": {"all": len(policies), "heavy": policies[:HEAVY]}, "runs": runs}


def table(runs: list[dict[str, Any]]) -> str:
    """The runs as a markdown table."""
    lines = [
        "| workload | server | clients | req/s | p50 | p95 | p99 | done / unfinished | cores: server / generator / other |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        cut = r["n"] == 0
        latency = ["> 10,000", "", ""] if cut else [f"{r[k]:.0f}" for k in ("p50", "p95", "p99")]
        rps = "< 0.1" if cut else f"{r['rps']:.1f}"
        cores = " / ".join(f"{r['cores'][k]:.2f}" for k in ("server", "generator", "other"))
        cells = [r["workload"], r["server"], str(r["clients"]), rps, *latency]
        unfinished = "–" if r["unfinished"] is None else str(r["unfinished"])
        lines.append("| " + " | ".join([*cells, f"{r['n']} / {unfinished}", cores]) + " |")
    return "\n".join(lines)


def code_state() -> dict[str, Any]:
    """The commit of the tradekg code being measured and its files changed since that commit."""
    root = Path(queries.__file__).resolve().parent.parent
    git = ["git", "-C", str(root)]
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True)
    changed = subprocess.run(
        [*git, "status", "--porcelain", "--", "api", "graph", "loaders", "ontology", "queries"],
        capture_output=True,
        text=True,
    )
    return {
        "commit": commit.stdout.strip(),
        "uncommitted": [line[3:] for line in changed.stdout.splitlines()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[4, 8])
    parser.add_argument(
        "--seconds", type=int, default=10, help="whole seconds per run (wrk takes no fractions)"
    )
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp())
    if args.data_dir is None:
        build_graph(data_dir)
    code = code_state()
    figures = run(data_dir, args.clients, args.seconds)
    print(table(figures["runs"]))
    record = {"clients": args.clients, "seconds": args.seconds, "code": code, **figures}
    print(write_result("api", record))


if __name__ == "__main__":
    main()
