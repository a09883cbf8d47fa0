"""Materialised links: the CONSTRUCT queries of queries/derive/ run over an edition's store.

The derivation lives in SPARQL so that every link type can be read, reviewed and re-run by a
user; this module only runs the queries.
"""

from __future__ import annotations

import pyoxigraph as ox

from tradekg import queries


def derive(store: ox.Store) -> bytes:
    """N-Triples of every triple the derive queries construct from ``store`` (its graphs as one).

    Each query sees the graph as it was before any derivation: the derived triples are added
    by the caller, after all queries ran.
    """
    parts = []
    for query in queries.derivations():
        triples = store.query(query.text, use_default_graph_as_union=True)
        if isinstance(triples, ox.QueryTriples):
            parts.append(triples.serialize(format=ox.RdfFormat.N_TRIPLES) or b"")
    return b"".join(parts)
