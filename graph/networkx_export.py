"""Graphs for desktop tools: the explorer's graph views and the whole store through networkx.

A *view* is the JSON the browser draws (``{"nodes": [...], "edges": [...]}``, built in
``api/routes/exports.py``); ``view_to_networkx`` turns that same dict into a ``networkx.DiGraph``
so an export holds exactly the nodes and edges the page shows. ``store_to_networkx`` maps the
whole RDF store: resources become nodes, literal values become node attributes, IRI-valued
statements become edges keyed by their predicate. ``write_graph`` writes either as GraphML,
GEXF or Cytoscape JSON; ``write_rdf`` writes the store as Turtle, JSON-LD or N-Triples.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

import networkx as nx
import pyoxigraph as ox

from tradekg.ontology import PREFIXES


class GraphFormat(Enum):
    """Formats networkx writes for Gephi and Cytoscape."""

    GRAPHML = "graphml"
    GEXF = "gexf"
    CYJS = "cyjs"


class RdfExport(Enum):
    """RDF formats the whole store is written in."""

    TTL = "ttl"
    JSONLD = "jsonld"
    NT = "nt"


MEDIA_TYPES = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "cyjs": "application/json",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}
_OX_FORMATS = {
    RdfExport.TTL: ox.RdfFormat.TURTLE,
    RdfExport.JSONLD: ox.RdfFormat.JSON_LD,
    RdfExport.NT: ox.RdfFormat.N_TRIPLES,
}


def _scalar_attrs(item: Mapping[str, Any], skip: Iterable[str] = ()) -> dict[str, Any]:
    """Attributes GraphML and GEXF can hold: scalars kept, None dropped, lists joined."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        if key in skip or value is None:
            continue
        if isinstance(value, list | tuple):
            value = " | ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False)
        out[key] = value
    return out


def view_to_networkx(view: Mapping[str, Any]) -> nx.DiGraph:
    """The explorer's graph view as a directed graph: one node per view node (keyed by ``id``),
    one edge per view edge, every scalar field an attribute; ``label`` is the zh label (the
    name Gephi shows).

    >>> g = view_to_networkx({"nodes": [{"id": "a", "label_zh": "甲"}, {"id": "b"}],
    ...                       "edges": [{"source": "a", "target": "b", "kind": "targets"}]})
    >>> g.number_of_nodes(), g.number_of_edges(), g.nodes["a"]["label"]
    (2, 1, '甲')
    """
    graph = nx.DiGraph()
    for node in view["nodes"]:
        attrs = _scalar_attrs(node, skip=("id",))
        attrs["label"] = node.get("label_zh") or node.get("label_en") or node["id"]
        graph.add_node(node["id"], **attrs)
    for edge in view["edges"]:
        graph.add_edge(edge["source"], edge["target"], **_scalar_attrs(edge, ("source", "target")))
    return graph


def _curie(iri: str) -> str:
    """``skos:prefLabel`` for a prefixed IRI, else the IRI itself.

    >>> _curie("http://www.w3.org/2004/02/skos/core#prefLabel")
    'skos:prefLabel'
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)) :]}"
    return iri


def _node_key(term: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def triples_to_networkx(triples: Iterable[ox.Triple | ox.Quad]) -> nx.MultiDiGraph:
    """RDF statements as a multigraph: subjects and IRI objects are nodes; a literal becomes
    the attribute ``curie[@lang]`` of its subject (several values joined by `` | ``); every
    other statement an edge whose ``predicate`` attribute is the property's CURIE."""
    graph = nx.MultiDiGraph()
    for triple in triples:
        subject = _node_key(triple.subject)
        if subject not in graph:
            graph.add_node(subject, label=subject)
        predicate = _curie(triple.predicate.value)
        value = triple.object
        if isinstance(value, ox.Literal):
            key = predicate + (f"@{value.language}" if value.language else "")
            old = graph.nodes[subject].get(key)
            graph.nodes[subject][key] = value.value if old is None else f"{old} | {value.value}"
            if predicate == "skos:prefLabel" and value.language == "zh":
                graph.nodes[subject]["label"] = value.value
        else:
            target = _node_key(value)  # type: ignore[arg-type]
            if target not in graph:
                graph.add_node(target, label=target)
            graph.add_edge(subject, target, predicate=predicate)
    return graph


def store_to_networkx(store: ox.Store) -> nx.MultiDiGraph:
    """Every statement of every graph in the store (the union the endpoint queries)."""
    return triples_to_networkx(store.quads_for_pattern(None, None, None, None))


def write_graph(graph: nx.Graph, fmt: GraphFormat) -> bytes:
    """``graph`` written as GraphML, GEXF 1.2 or Cytoscape JSON (UTF-8)."""
    if fmt is GraphFormat.CYJS:
        return json.dumps(nx.cytoscape_data(graph), ensure_ascii=False).encode("utf-8")
    buffer = io.BytesIO()
    if fmt is GraphFormat.GRAPHML:
        nx.write_graphml(graph, buffer, encoding="utf-8")
    else:
        nx.write_gexf(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def write_rdf(store: ox.Store, fmt: RdfExport) -> bytes:
    """Every statement of the store as one graph (the union of its named graphs)."""
    triples = (
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, None)
    )
    prefixes = {k: str(v) for k, v in PREFIXES.items()} if fmt is not RdfExport.NT else None
    body = ox.serialize(triples, format=_OX_FORMATS[fmt], prefixes=prefixes)
    return body if isinstance(body, bytes) else b""


def export_store(store: ox.Store, fmt: str) -> bytes:
    """The whole store in ``fmt`` (graphml, gexf, cyjs, ttl, jsonld, nt)."""
    if fmt in {f.value for f in GraphFormat}:
        return write_graph(store_to_networkx(store), GraphFormat(fmt))
    return write_rdf(store, RdfExport(fmt))
