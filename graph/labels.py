"""Finding vocabulary resources by their labels (zh and en, preferred and alternative)."""

from __future__ import annotations

import re

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS


def normalise_label(text: str) -> str:
    """A label folded for lookup: no spaces or punctuation, case-folded.

    >>> normalise_label(" 中华人民共和国 商务部。")
    '中华人民共和国商务部'
    """
    return re.sub(r"[\s、，,。.：:；;（）()·\-—“”\"']", "", text).casefold()


def label_index(graph: Graph, cls: URIRef) -> dict[str, URIRef]:
    """Every preferred and alternative label of the instances of ``cls``, mapped to the instance."""
    index: dict[str, URIRef] = {}
    for resource in graph.subjects(RDF.type, cls):
        if not isinstance(resource, URIRef):
            continue
        for predicate in (SKOS.altLabel, SKOS.prefLabel):
            for label in graph.objects(resource, predicate):
                index[normalise_label(str(label))] = resource
    return index
