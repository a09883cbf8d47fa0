"""Shared helpers of the benchmarks: timing, percentiles, a built graph, results as JSON.

Benchmarks are scripts, not tests: each prints a table and writes ``bench/results/<name>.json``
with the command that produced it, the machine and the figures.
"""

from __future__ import annotations

import json
import os
import platform
import shlex
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tradekg.graph.store import open_store

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
TRADEKG = str(Path(sys.executable).parent / "tradekg")


def percentile(samples: list[float], q: float) -> float:
    """The ``q`` quantile (0–1) of ``samples`` by the nearest-rank method."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def summary(samples: list[float]) -> dict[str, float]:
    """p50/p95/p99, mean and count of latencies in ms, rounded for the tables."""
    return {
        "p50": round(percentile(samples, 0.50), 3),
        "p95": round(percentile(samples, 0.95), 3),
        "p99": round(percentile(samples, 0.99), 3),
        "mean": round(statistics.fmean(samples), 3),
        "n": len(samples),
    }


def timed(run: Callable[[], object], repeat: int, budget: float = 1e9) -> list[float]:
    """Milliseconds of ``repeat`` calls of ``run`` after one warm-up call; stops early once
    ``budget`` seconds are spent (at least one sample), so a slow engine cannot stall a run."""
    run()
    samples: list[float] = []
    started = time.perf_counter()
    for _ in range(repeat):
        clock = time.perf_counter()
        run()
        samples.append((time.perf_counter() - clock) * 1000)
        if time.perf_counter() - started > budget:
            break
    return samples


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the block after ``seconds`` (SIGALRM: pure-Python engines only)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def build_graph(data_dir: Path, reports: list[Path] | None = None, tradekg: str = TRADEKG) -> str:
    """Run ``tradekg build`` into ``data_dir`` (quiet) and return its ``built …`` line."""
    command = [tradekg, "build", "--data-dir", str(data_dir), "--quiet"]
    for report in reports or []:
        command += ["--report", str(report)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    lines = (done.stdout + done.stderr).splitlines()
    return next(line for line in reversed(lines) if line.startswith("built "))


_LINKS = """PREFIX tkg: <https://w3id.org/tradekg/ontology#>
SELECT ?policy (COUNT(?link) AS ?n) WHERE { ?link a tkg:PolicyLink ; tkg:policy ?policy }
GROUP BY ?policy ORDER BY DESC(?n) ?policy"""


def documents(data_dir: Path) -> dict[str, str]:
    """The document with the most links (the heaviest linkage) and the median one."""
    rows = list(open_store(data_dir).query(_LINKS, use_default_graph_as_union=True))
    return {"median": rows[len(rows) // 2]["policy"].value, "busiest": rows[0]["policy"].value}


_DOCUMENTS = """PREFIX tkg: <https://w3id.org/tradekg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?policy (COUNT(DISTINCT ?link) AS ?n)
WHERE { ?policy eli:title ?title OPTIONAL { ?link a tkg:PolicyLink ; tkg:policy ?policy } }
GROUP BY ?policy ORDER BY DESC(?n) ?policy"""


def all_documents(data_dir: Path) -> list[str]:
    """IRIs of every document the graph names, the one with the most links first."""
    rows = open_store(data_dir).query(_DOCUMENTS, use_default_graph_as_union=True)
    return [row["policy"].value for row in rows]


def write_result(name: str, figures: dict[str, Any]) -> Path:
    """Save ``figures`` as ``bench/results/<name>.json`` with the command line and machine."""
    RESULTS.mkdir(exist_ok=True)
    record = {
        "command": ".venv/bin/python "
        + shlex.join(["bench/" + Path(sys.argv[0]).name, *sys.argv[1:]]),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        **figures,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return path
