"""The build: report files → records → RDF → SHACL validation → a new store, switched in last."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from tradekg import ontology
from tradekg.loaders.agencies import extract_agencies
from tradekg.loaders.agreements import extract_agreements
from tradekg.loaders.errors import ReportFormatError
from tradekg.loaders.observations import extract_observations
from tradekg.loaders.policies import extract_policies
from tradekg.loaders.reading import bundled_report_path, read_report_text
from tradekg.loaders.structure import Document, parse_report

from . import store
from .audit_graph import audit_annotations, audit_summary
from .checks import checks_report
from .datasets import distinct_triples
from .derive import derive
from .observations import observations_to_graph
from .policies import policies_to_graph
from .rdf import document_to_graph
from .validate import ValidationFailed, validate

Progress = Callable[[str], None]


@dataclass
class Edition:
    """One report as read from disk: its path, text and parsed structure."""

    path: Path
    text: str
    document: Document


@dataclass
class BuildResult:
    """What a successful build produced."""

    build_dir: Path
    quads: int
    seconds: float
    stages: dict[str, float] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)


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
    graph += derive(graph, vocabularies)
    return graph, conversion.unresolved + unresolved + missing


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


def build(
    report_paths: list[Path] | None, data_dir: Path, progress: Progress = lambda _: None
) -> BuildResult:
    """Build the graph from the reports (the bundled one by default) into ``data_dir``.

    The new store becomes current only after validation passed; any error leaves the last
    good build in place.
    """
    started = time.perf_counter()
    stages: dict[str, float] = {}
    paths = report_paths or [bundled_report_path()]

    clock = time.perf_counter()
    editions = read_editions(paths)
    stages["read"] = time.perf_counter() - clock
    progress(
        f"read {len(editions)} report(s): " + ", ".join(str(e.document.year) for e in editions)
    )

    clock = time.perf_counter()
    vocabularies = ontology_graph()
    graphs = {graph_name("ontology"): vocabularies}
    unresolved: list[str] = []
    for edition in editions:
        graph, missing = edition_graph(edition, vocabularies)
        graphs[graph_name("report", str(edition.document.year))] = graph
        unresolved += missing
    distinct_triples(graphs)
    stages["graph"] = time.perf_counter() - clock
    progress(f"built {sum(len(g) for g in graphs.values())} triples")
    progress(audit_summary(graphs.values()))

    clock = time.perf_counter()
    with union_of(graphs.values()) as union:
        report = validate(union)
    stages["validate"] = time.perf_counter() - clock
    if not report.conforms:
        raise ValidationFailed(report)
    progress("validated: the graph conforms to the shapes")

    clock = time.perf_counter()
    data_dir.mkdir(parents=True, exist_ok=True)
    with store.new_build(data_dir) as build_dir:
        quads = store.write_store(build_dir, graphs)
        checks = checks_report(ox.Store.read_only(str(build_dir / "store")))
        if not checks.conforms:
            raise ValidationFailed(checks)
        progress("checked: no row from queries/checks/*-violation.rq")
        seconds = time.perf_counter() - started
        store.write_build_info(build_dir, _build_info(editions, graphs, quads, seconds, unresolved))
        store.switch_current(data_dir, build_dir)
    stages["store"] = time.perf_counter() - clock
    progress(f"stored {quads} quads in {build_dir}")
    return BuildResult(build_dir, quads, time.perf_counter() - started, stages, unresolved)


def _build_info(
    editions: list[Edition],
    graphs: dict[str, Graph],
    quads: int,
    seconds: float,
    unresolved: list[str],
) -> dict[str, object]:
    return {
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tradekg_version": version("tradekg"),
        "base": ontology.base_iri(),
        "triples": quads,
        "graphs": {name: len(graph) for name, graph in graphs.items()},
        "reports": [
            {
                "path": str(e.path.resolve()),
                "edition": e.document.year,
                "title": e.document.title,
                "lines": e.document.line_count,
            }
            for e in editions
        ],
        "build_seconds": round(seconds, 3),
        "conforms": True,
        "unresolved": unresolved,
    }
