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
from tradekg.ontology import OA, QB, TKG, id_namespace

from .rdf import add_selectors, block_iri, report_iri

CONTEXT_CHARS = 16
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
    observations: Iterable[Observation], document: Document, vocabularies: Graph
) -> tuple[Graph, list[str]]:
    """The observations of one edition as a Data Cube data set; returns what did not resolve."""
    graph = Graph()
    index = notation_index(vocabularies)
    blocks = _block_of_line(document)
    dataset = dataset_iri(document.year)
    graph.add((dataset, RDF.type, QB.DataSet))
    graph.add((dataset, RDFS.label, Literal(f"统计指标 {document.year}", lang="zh")))
    graph.add((dataset, DCTERMS.source, report_iri(document.year)))
    unresolved: set[str] = set()
    counters: dict[int, int] = {}
    for observation in observations:
        counters[observation.line] = counters.get(observation.line, 0) + 1
        node = id_namespace()[
            f"report/{document.year}/observation/{observation.line}-{counters[observation.line]}"
        ]
        _add_observation(graph, node, observation, dataset, index, unresolved)
        evidence = _add_evidence(graph, node, observation, document, blocks)
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


def _add_evidence(
    graph: Graph, node: URIRef, o: Observation, document: Document, blocks: dict[int, URIRef]
) -> URIRef:
    evidence = URIRef(f"{node}/evidence")
    line_text = document.lines[o.line - 1]
    start = document.line_offsets[o.line - 1] + o.start
    graph.add((evidence, RDF.type, TKG.Evidence))
    graph.add((evidence, OA.hasSource, report_iri(document.year)))
    graph.add((evidence, TKG.startLine, Literal(o.line)))
    graph.add((evidence, TKG.endLine, Literal(o.line)))
    block = blocks.get(o.line)
    if block is not None:
        graph.add((evidence, DCTERMS.isPartOf, block))
    add_selectors(graph, evidence, o.quote, start, start + len(o.quote))
    quote = URIRef(f"{evidence}#quote")
    graph.add((quote, OA.prefix, Literal(line_text[max(0, o.start - CONTEXT_CHARS) : o.start])))
    graph.add((quote, OA.suffix, Literal(line_text[o.end : o.end + CONTEXT_CHARS])))
    return evidence


def _block_of_line(document: Document) -> dict[int, URIRef]:
    found: dict[int, URIRef] = {}
    for block in document.blocks():
        for line in block.lines:
            found[line] = block_iri(document.year, block.first_line)
    return found


def _decimal(value: float) -> Literal:
    """A number as xsd:decimal, written as the shortest decimal that reads back to the float."""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return Literal(text, datatype=XSD.decimal)
