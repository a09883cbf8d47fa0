"""Materialised links: the CONSTRUCT queries of queries/derive/ run over a built graph.

The derivation lives in SPARQL so that every link type can be read, reviewed and re-run by a
user; this module only runs the queries, on an in-memory pyoxigraph store.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from tradekg import queries


def derive(data: Graph, vocabularies: Graph) -> Graph:
    """Every triple the derive queries construct from ``data`` and the vocabularies."""
    store = ox.Store()
    for graph in (vocabularies, data):
        store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    derived = Graph()
    for query in queries.derivations():
        triples = store.query(query.text)
        if isinstance(triples, ox.QueryTriples):
            text = triples.serialize(format=ox.RdfFormat.N_TRIPLES) or b""
            derived.parse(data=text.decode("utf-8"), format="nt")
    return derived
