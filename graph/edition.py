"""One edition's share of a build: its graph, derived links, SHACL validation and checks.

Editions do not depend on one another until they are stored together, so each is prepared on
its own — in worker processes when there are several — and handed back as N-Triples with its
reports. Each edition is validated with the vocabularies; what only the union of editions can
break (one node given two values of a single-valued property) is checked after storing, by
``graph/conformance.py``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from tradekg import ontology
from tradekg.loaders.agencies import extract_agencies
from tradekg.loaders.agreements import extract_agreements
from tradekg.loaders.errors import ReportFormatError
from tradekg.loaders.observations import extract_observations
from tradekg.loaders.policies import extract_policies
from tradekg.loaders.reading import read_report_text
from tradekg.loaders.structure import Document, parse_report
from tradekg.ontology import TKG

from .audit_graph import audit_annotations
from .checks import checks_report
from .derive import derive
from .observations import observations_to_graph
from .policies import policies_to_graph
from .rdf import document_to_graph
from .validate import ValidationReport, validate


@dataclass
class Edition:
    """One report as read from disk: its path, text and parsed structure."""

    path: Path
    text: str
    document: Document


@dataclass
class Assembled:
    """An edition's triples, derived links included: as an rdflib graph for pyshacl, and in
    an in-memory pyoxigraph store beside the vocabularies for SPARQL."""

    name: str
    graph: Graph
    store: ox.Store
    unresolved: list[str]


@dataclass
class Prepared:
    """What the build keeps of an edition: its triples as N-Triples, and its reports."""

    year: int
    name: str
    ntriples: bytes
    unresolved: list[str]
    checks: ValidationReport
    severities: Counter[str] = field(default_factory=Counter)
    #: The SHACL report; None until the edition has been validated.
    shacl: ValidationReport | None = None
    #: Triples of this edition stored (after those an earlier graph held were dropped).
    stored: int = 0


def graph_name(kind: str, key: str = "") -> str:
    """IRI of a named graph: ``{base}graph/ontology`` or ``{base}graph/report/2023``."""
    return ontology.base_iri() + "graph/" + (f"{kind}/{key}" if key else kind)


def read_editions(paths: list[Path]) -> list[Edition]:
    """Read and parse every report; one edition per year (ReportFormatError otherwise)."""
    editions: list[Edition] = []
    for path in paths:
        text = read_report_text(path)
        document = parse_report(text, source=str(path))
        clash = next((e for e in editions if e.document.year == document.year), None)
        if clash is not None:
            raise ReportFormatError(
                str(path), f"edition {document.year} is already given by {clash.path}"
            )
        editions.append(Edition(path, text, document))
    return editions


def ontology_graph() -> Graph:
    """The schema and every controlled vocabulary, as one graph."""
    graph = ontology.bind_prefixes(Graph())
    for name in ontology.ontology_files():
        graph += ontology.load(name)
    return graph


def edition_graph(edition: Edition, vocabularies: Graph) -> tuple[Graph, list[str]]:
    """Everything extracted from one edition, and what could not be resolved.

    Every converter writes into the one graph of the edition: ``Graph +=`` copies triple by
    triple, and copying cost as much as converting.
    """
    conversion = document_to_graph(edition.document, edition.text, vocabularies)
    text, document, graph = edition.text, edition.document, conversion.graph
    records = extract_observations(text, year=document.year)
    _, unresolved = observations_to_graph(records, document, vocabularies, into=graph)
    audit_annotations(records, document, graph, vocabularies, into=graph)
    policies = extract_policies(text, year=document.year)
    agencies = extract_agencies(text, policies)
    _, missing = policies_to_graph(
        policies, extract_agreements(text), agencies, document, vocabularies, into=graph
    )
    return graph, conversion.unresolved + unresolved + missing


def assemble(edition: Edition, vocabularies: Graph, vocabularies_nt: bytes) -> Assembled:
    """The edition's graph and store, with the links the derive queries add."""
    name = graph_name("report", str(edition.document.year))
    graph, unresolved = edition_graph(edition, vocabularies)
    store = ox.Store()
    store.bulk_load(
        vocabularies_nt, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph_name("ontology"))
    )
    edition_nt = graph.serialize(format="nt", encoding="utf-8")
    store.bulk_load(edition_nt, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    derived = derive(store)
    store.bulk_load(derived, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    graph.parse(data=derived.decode("utf-8"), format="nt")
    return Assembled(name, graph, store, unresolved)


def validate_edition(
    graph: Graph, vocabularies: Graph, shapes: Graph | None = None
) -> ValidationReport:
    """SHACL validation of one edition's graph together with the vocabularies."""
    with union_of([vocabularies, graph]) as union:
        return validate(union, shapes)


def finish(assembled: Assembled, year: int) -> Prepared:
    """The edition's N-Triples, its checks and its audit counts."""
    ntriples = assembled.store.dump(
        format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(assembled.name)
    )
    severities = Counter(str(s) for s in assembled.graph.objects(None, TKG.severity))
    return Prepared(
        year,
        assembled.name,
        ntriples or b"",
        assembled.unresolved,
        checks_report(assembled.store),
        severities,
    )


def prepare(edition: Edition, *, vocabularies: Graph, vocabularies_nt: bytes) -> Prepared:
    """One edition from text to validated N-Triples, all in this process."""
    assembled = assemble(edition, vocabularies, vocabularies_nt)
    prepared = finish(assembled, edition.document.year)
    prepared.shacl = validate_edition(assembled.graph, vocabularies)
    return prepared


@contextmanager
def union_of(graphs: Iterable[Graph]) -> Iterator[Graph]:
    """Every graph as one, for validation, without copying the largest.

    The others' triples are added to the largest graph for the duration of the block and
    removed after it: for one edition that borrows the ~3k vocabulary triples instead of
    copying ~60k (a second of the build).
    """
    members = list(graphs)
    host = max(members, key=len)
    borrowed = [t for g in members if g is not host for t in g if t not in host]
    host.addN((s, p, o, host) for s, p, o in borrowed)
    try:
        yield host
    finally:
        for triple in borrowed:
            host.remove(triple)
