"""Reading the stored graph back out: as an rdflib graph (for validation and serialisation)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from tradekg.ontology import bind_prefixes


def store_to_graph(store: ox.Store) -> Graph:
    """Every triple of the store's graphs (default and named), merged into one rdflib graph."""
    graph = bind_prefixes(Graph())
    for name in [ox.DefaultGraph(), *store.named_graphs()]:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        if data:
            graph.parse(data=data.decode("utf-8"), format="nt")
    return graph
