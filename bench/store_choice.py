"""Embedded store choice: pyoxigraph vs rdflib's in-memory graph on the same built graph.

Runs every named query on both engines in one process, repeated, and prints the median and
95th-percentile latency of each with the ratio. Usage:

    .venv/bin/python bench/store_choice.py [--repeat N] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from tradekg import queries
from tradekg.graph.build import build
from tradekg.graph.export import store_to_graph
from tradekg.graph.store import open_store


def timed(run, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp())
    if args.data_dir is None:
        build(None, data_dir)
    store = open_store(data_dir)
    graph: Graph = store_to_graph(store)
    memory = ox.Store()
    memory.bulk_load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    print(f"{len(graph)} triples; {args.repeat} runs per query and engine")
    print("p50 / p95 in ms; ratio = rdflib p50 / on-disk pyoxigraph p50")
    print(
        f"{'query':22} {'rdflib memory':>15} {'oxigraph memory':>16} {'oxigraph disk':>15} {'ratio':>7}"
    )
    for name, query in sorted(queries.catalogue().items()):
        slow = timed(lambda q=query.text: list(graph.query(q)), args.repeat)
        fast = timed(lambda q=query.text: list(memory.query(q)), args.repeat)
        disk = timed(
            lambda q=query.text: list(store.query(q, use_default_graph_as_union=True)), args.repeat
        )
        cells = [
            f"{statistics.median(s):6.2f}/{percentile(s, 0.95):6.2f}" for s in (slow, fast, disk)
        ]
        ratio = statistics.median(slow) / statistics.median(disk)
        print(f"{name:22} {cells[0]:>15} {cells[1]:>16} {cells[2]:>15} {ratio:6.1f}x")


if __name__ == "__main__":
    main()
