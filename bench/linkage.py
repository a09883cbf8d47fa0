"""Linkage latency: the policy, policy_targets and policy_outcomes queries for every document
(or an even sample of them, by number of links), on the embedded store (pyoxigraph, on disk,
read-only) — what /api/policies/{id}/linkage runs.

    .venv/bin/python bench/linkage.py [--data-dir DIR] [--repeat N] [--documents N]
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

POLICIES = """PREFIX tkg: <https://w3id.org/tradekg/ontology#>
SELECT ?p (COUNT(?link) AS ?n)
WHERE { { ?p a tkg:Policy } UNION { ?p a tkg:Publication } OPTIONAL { ?link tkg:policy ?p } }
GROUP BY ?p ORDER BY DESC(?n) ?p"""


def sample(items: list[str], count: int | None) -> list[str]:
    """``count`` items spread evenly over ``items`` (all of them when ``count`` is None).

    >>> sample(list("abcdefghij"), 3)
    ['a', 'e', 'j']
    """
    if count is None or count >= len(items):
        return items
    if count <= 1:
        return items[:count]
    return [items[round(i * (len(items) - 1) / (count - 1))] for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--documents", type=int, help="an even sample of this many documents")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp())
    if args.data_dir is None:
        build(None, data_dir)
    store = open_store(data_dir)
    everyone = [row[0] for row in to_table(execute(store, POLICIES)).rows]
    policies = sample(everyone, args.documents)
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
        f"{len(policies)} of {len(everyone)} documents × {args.repeat} runs of "
        "policy + policy_targets + policy_outcomes"
    )
    print(
        f"p50 {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms, max {samples[-1]:.1f} ms ({slowest[0]})"
    )


if __name__ == "__main__":
    main()
