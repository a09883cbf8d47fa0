"""Observation records → RDF Data Cube observations, each derived from an evidence span.

Dimensions (sector, area, partner, flow, measure) are resolved by ``skos:notation`` within
their concept scheme; a notation the vocabularies lack is reported, never minted.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from tradekg.loaders.records import Observation
from tradekg.loaders.structure import Document
from tradekg.ontology import QB, TKG, id_namespace

from .evidence import Spans
from .rdf import report_iri

_SCHEMES = {
    "sector": "sector",
    "area": "region",
    "partner": "region",
    "flow": "flow",
    "measure": "measure",
}


def notation_index(vocabularies: Graph) -> dict[tuple[str, str], URIRef]:
    """``(scheme, notation) → concept`` for every concept with a notation, e.g. ("sector", "SI")."""
    index: dict[tuple[str, str], URIRef] = {}
    base = str(id_namespace())
    for concept, scheme in vocabularies.subject_objects(SKOS.inScheme):
        scheme_name = str(scheme).removeprefix(base).removesuffix("/scheme")
        for notation in vocabularies.objects(concept, SKOS.notation):
            if isinstance(concept, URIRef):
                index[(scheme_name, str(notation))] = concept
    return index


def dataset_iri(year: int) -> URIRef:
    return id_namespace()[f"report/{year}/observations"]


def observations_to_graph(
    observations: Iterable[Observation],
    document: Document,
    vocabularies: Graph,
    into: Graph | None = None,
) -> tuple[Graph, list[str]]:
    """The observations of one edition as a Data Cube data set; returns what did not resolve.

    Written into ``into`` when given (no copy of the edition's graph), else into a new graph.
    """
    graph = Graph() if into is None else into
    index = notation_index(vocabularies)
    spans = Spans(document, graph)
    dataset = dataset_iri(document.year)
    graph.add((dataset, RDF.type, QB.DataSet))
    graph.add((dataset, RDFS.label, Literal(f"统计指标 {document.year}", lang="zh")))
    graph.add((dataset, DCTERMS.source, report_iri(document.year)))
    unresolved: set[str] = set()
    counters: dict[int, int] = {}
    ids = id_namespace()  # once: it reads the environment
    for observation in observations:
        counters[observation.line] = counters.get(observation.line, 0) + 1
        node = ids[
            f"report/{document.year}/observation/{observation.line}-{counters[observation.line]}"
        ]
        _add_observation(graph, node, observation, dataset, index, unresolved)
        evidence = spans.add(observation.line, observation.start, observation.quote)
        graph.add((node, PROV.wasDerivedFrom, evidence))
    return graph, sorted(unresolved)


def _add_observation(
    graph: Graph,
    node: URIRef,
    o: Observation,
    dataset: URIRef,
    index: dict[tuple[str, str], URIRef],
    unresolved: set[str],
) -> None:
    graph.add((node, RDF.type, QB.Observation))
    graph.add((node, QB.dataSet, dataset))
    graph.add((node, TKG.period, Literal(o.period)))
    graph.add((node, TKG.subject, Literal(o.subject_zh or o.scope_zh or "?")))
    if o.scope_zh:
        graph.add((node, TKG.scope, Literal(o.scope_zh)))
    if o.of_zh:
        graph.add((node, TKG.shareOf, Literal(o.of_zh)))
    graph.add((node, TKG.value, _decimal(o.value)))
    graph.add((node, TKG.unit, Literal(o.unit)))
    if o.value_normalized is not None:
        graph.add((node, TKG.normalizedValue, _decimal(o.value_normalized)))
        graph.add((node, TKG.normalizedUnit, Literal(o.unit_normalized)))
    codes = {
        "flow": o.flow,
        "measure": o.measure,
        "sector": o.sector,
        "area": o.area,
        "partner": o.partner,
    }
    predicates = {
        "flow": TKG.flow,
        "measure": TKG.measureType,
        "sector": TKG.sector,
        "area": TKG.area,
        "partner": TKG.partner,
    }
    for dimension, code in codes.items():
        if not code:
            continue
        concept = index.get((_SCHEMES[dimension], code))
        if concept is None:
            unresolved.add(
                f"{dimension} notation '{code}' is not in the {_SCHEMES[dimension]} vocabulary"
            )
            continue
        graph.add((node, predicates[dimension], concept))


def _decimal(value: float) -> Literal:
    """A number as xsd:decimal, written as the shortest decimal that reads back to the float."""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return Literal(text, datatype=XSD.decimal)
