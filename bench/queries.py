"""Query latency: every named query on the embedded store vs rdflib's in-memory graph.

Both engines hold the same triples (the built store, and the union of its graphs copied into
one rdflib ``Graph``) and get the same text: parameters are bound to real IRIs of the graph in
a VALUES block, as the API binds them. pyoxigraph is queried on disk, read-only, as `tradekg
serve` opens it. p50/p95/p99 in ms; ratio = rdflib p50 / pyoxigraph p50.

    .venv/bin/python bench/queries.py [--repeat 30] [--budget 5] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pyoxigraph as ox
from common import build_graph, deadline, summary, timed, write_result
from rdflib import Graph

from tradekg import ontology, queries
from tradekg.graph.binding import with_values
from tradekg.graph.export import store_to_graph
from tradekg.graph.query import to_term
from tradekg.graph.store import open_store

_BUSIEST_POLICY = """PREFIX tkg: <https://w3id.org/tradekg/ontology#>
SELECT ?policy (COUNT(?link) AS ?n) WHERE { ?link a tkg:PolicyLink ; tkg:policy ?policy }
GROUP BY ?policy ORDER BY DESC(?n) LIMIT 1"""


def parameters(store: ox.Store) -> dict[str, str]:
    """Real values for the required parameters: the document with the most links, RCEP, SI."""
    [row] = list(store.query(_BUSIEST_POLICY, use_default_graph_as_union=True))
    ids = str(ontology.id_namespace())
    return {
        "policy": row["policy"].value,
        "agreement": ids + "agreement/RCEP",
        "entity": ids + "sector/SI",
        "target": ids + "sector/SI",
        "kind": "sector",
        "base": ids,
        "q": "服务",
    }


def bound_text(query: queries.NamedQuery, values: dict[str, str]) -> str:
    """The query with its required parameters (those not marked optional) bound."""
    required = {p.name for p in query.params if "optional" not in p.description}
    required |= {p.name for p in query.params if p.name in ("q", "base")}
    terms = {name: to_term(values[name]) for name in required if name in values}
    return with_values(query.text, terms)


def compare(store: ox.Store, graph: Graph, repeat: int, budget: float) -> dict[str, dict]:
    """p50/p95/p99 of every named query on both engines, with the ratio of the medians."""
    values = parameters(store)
    rows: dict[str, dict] = {}
    for name, query in sorted(queries.catalogue().items()):
        text = bound_text(query, values)
        fast = timed(lambda t=text: list(store.query(t, use_default_graph_as_union=True)), repeat)
        rows[name] = {
            "pyoxigraph": summary(fast),
            "rdflib": _rdflib(graph, text, repeat, budget),
            "rows": len(list(store.query(text, use_default_graph_as_union=True))),
        }
        rdf_p50 = rows[name]["rdflib"]["p50"]
        rows[name]["ratio"] = round(rdf_p50 / max(rows[name]["pyoxigraph"]["p50"], 1e-6), 1)
        _print_row(name, rows[name])
    return rows


def _rdflib(graph: Graph, text: str, repeat: int, budget: float) -> dict[str, float]:
    """rdflib's latencies; a query slower than ``4 × budget`` counts as that long (``n`` 0)."""
    try:
        with deadline(4 * budget):
            return summary(timed(lambda: list(graph.query(text)), repeat, budget))
    except TimeoutError:
        cut = 4000.0 * budget
        return {"p50": cut, "p95": cut, "p99": cut, "mean": cut, "n": 0}


def _print_row(name: str, row: dict) -> None:
    o, r = row["pyoxigraph"], row["rdflib"]
    print(
        f"{name:22} {o['p50']:8.2f} {o['p95']:8.2f} {o['p99']:8.2f}   "
        f"{r['p50']:9.2f} {r['p95']:9.2f} {r['p99']:9.2f}   {row['ratio']:7.1f}×  {row['rows']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--budget", type=float, default=5.0, help="seconds per rdflib query")
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp())
    if args.data_dir is None:
        build_graph(data_dir)
    store = open_store(data_dir)
    graph = store_to_graph(store)
    print(f"{len(graph)} triples; up to {args.repeat} runs per query and engine (ms)")
    print(
        f"{'query':22} {'ox p50':>8} {'p95':>8} {'p99':>8}   {'rdflib p50':>9} {'p95':>9} {'p99':>9}"
    )
    rows = compare(store, graph, args.repeat, args.budget)
    print(write_result("queries", {"triples": len(graph), "queries": rows}))


if __name__ == "__main__":
    main()
