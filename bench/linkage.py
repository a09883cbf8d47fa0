"""Linkage latency: the policy_targets and policy_outcomes queries for every document, on the
embedded store (pyoxigraph, on disk, read-only) — what /api/policies/{id}/linkage runs.

    .venv/bin/python bench/linkage.py [--data-dir DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tradekg import queries
from tradekg.graph.build import build
from tradekg.graph.query import execute, to_table
from tradekg.graph.store import open_store

POLICIES = "PREFIX tkg: <https://w3id.org/tradekg/ontology#> SELECT ?p WHERE { { ?p a tkg:Policy } UNION { ?p a tkg:Publication } }"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp())
    if args.data_dir is None:
        build(None, data_dir)
    store = open_store(data_dir)
    policies = [row[0] for row in to_table(execute(store, POLICIES)).rows]
    texts = [queries.load(n).text for n in ("policy", "policy_targets", "policy_outcomes")]
    samples, slowest = [], ("", 0.0)
    for policy in policies:
        for _ in range(args.repeat):
            start = time.perf_counter()
            for text in texts:
                to_table(execute(store, text, {"policy": policy}))
            elapsed = (time.perf_counter() - start) * 1000
            samples.append(elapsed)
            slowest = max(slowest, (policy, elapsed), key=lambda s: s[1])
    samples.sort()
    p95 = samples[int(0.95 * (len(samples) - 1))]
    print(
        f"{len(policies)} documents × {args.repeat} runs of policy + policy_targets + policy_outcomes"
    )
    print(
        f"p50 {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms, max {samples[-1]:.1f} ms ({slowest[0]})"
    )


if __name__ == "__main__":
    main()
