"""The build: report files → records → RDF → SHACL validation → a new store, switched in last."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Graph

from tradekg import ontology
from tradekg.loaders.reading import bundled_report_path

from . import store
from .audit import SEVERITIES
from .checks import combine
from .conformance import cross_edition_report
from .datasets import DistinctLoader
from .edition import (
    Edition,
    Prepared,
    assemble,
    finish,
    graph_name,
    ontology_graph,
    prepare,
    read_editions,
    validate_edition,
)
from .forked import in_background, in_order
from .validate import (
    ValidationFailed,
    ValidationReport,
    Violation,
    merge,
    shapes_graph,
    split_shapes,
)

__all__ = ["BuildResult", "Edition", "build", "graph_name", "ontology_graph", "read_editions"]

Progress = Callable[[str], None]
T = TypeVar("T")

_NOT_VALIDATED = Violation("", "", "validation", "the edition was stored without validation")


@dataclass
class BuildResult:
    """What a successful build produced."""

    build_dir: Path
    quads: int
    seconds: float
    stages: dict[str, float] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)


def build(
    report_paths: list[Path] | None,
    data_dir: Path,
    progress: Progress = lambda _: None,
    processes: int | None = None,
) -> BuildResult:
    """Build the graph from the reports (the bundled one by default) into ``data_dir``.

    Editions are prepared side by side in ``processes`` forked workers (one per core by
    default); a single edition is validated in a forked child while its store is written. The
    new store becomes current only after every edition validated and the stored union passed
    its checks; any error leaves the last good build in place.
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

    vocabularies = ontology_graph()
    vocabularies_nt = vocabularies.serialize(format="nt", encoding="utf-8")
    data_dir.mkdir(parents=True, exist_ok=True)
    with store.new_build(data_dir) as build_dir:
        loader = DistinctLoader(ox.Store(str(build_dir / "store")))
        loader.load(graph_name("ontology"), _canonical(vocabularies_nt), track_subjects=False)
        if len(editions) == 1:
            prepared = [_build_one(editions[0], vocabularies, vocabularies_nt, loader, stages)]
        else:
            clock = time.perf_counter()
            prepared = []
            work = partial(prepare, vocabularies=vocabularies, vocabularies_nt=vocabularies_nt)
            for edition in in_order(work, editions, processes or os.cpu_count() or 1):
                _check(edition)
                edition.stored = loader.load(edition.name, edition.ntriples)
                prepared.append(_slim(edition))
                progress(f"edition {edition.year}: {edition.stored} triples, validated, stored")
            stages["editions"] = time.perf_counter() - clock
            clock = time.perf_counter()
            report = cross_edition_report(loader.store, loader.shared_subjects)
            if not report.conforms:
                raise ValidationFailed(report)
            stages["union"] = time.perf_counter() - clock
            progress(f"checked {len(loader.shared_subjects)} nodes that several editions describe")
        progress(f"validated {len(prepared)} edition(s): the graph conforms to the shapes")
        progress("checked: no row from queries/checks/*-violation.rq")
        progress(_audit_summary(prepared))
        loader.store.flush()
        quads = len(loader.store)
        counts = dict(loader.counts)
        del loader
        unresolved = [problem for edition in prepared for problem in edition.unresolved]
        seconds = time.perf_counter() - started
        store.write_build_info(build_dir, _build_info(editions, counts, quads, seconds, unresolved))
        store.switch_current(data_dir, build_dir)
    progress(f"stored {quads} quads in {build_dir}")
    return BuildResult(build_dir, quads, time.perf_counter() - started, stages, unresolved)


def _build_one(
    edition: Edition,
    vocabularies: Graph,
    vocabularies_nt: bytes,
    loader: DistinctLoader,
    stages: dict[str, float],
) -> Prepared:
    """One edition, validated in forked children (a share of the shapes each, one per core)
    while its triples go into the store."""
    clock = time.perf_counter()
    assembled = assemble(edition, vocabularies, vocabularies_nt)
    stages["graph"] = time.perf_counter() - clock
    clock = time.perf_counter()
    parts = split_shapes(shapes_graph(), os.cpu_count() or 1)
    with ExitStack() as children:
        pending = [
            children.enter_context(
                in_background(
                    partial(_timed, validate_edition, assembled.graph, vocabularies, part)
                )
            )
            for part in parts
        ]
        prepared = finish(assembled, edition.document.year)
        prepared.stored = loader.load(prepared.name, prepared.ntriples)
        stages["store"] = time.perf_counter() - clock
        results = [wait() for wait in pending]
    prepared.shacl = merge([report for report, _ in results])
    stages["validate"] = max(seconds for _, seconds in results)
    stages["store_and_validate"] = time.perf_counter() - clock
    _check(prepared)
    return _slim(prepared)


def _timed(work: Callable[..., T], *args: object) -> tuple[T, float]:
    clock = time.perf_counter()
    return work(*args), time.perf_counter() - clock


def _check(edition: Prepared) -> None:
    """Raise ValidationFailed when the edition's shapes or checks found a violation."""
    if edition.shacl is None:
        raise ValidationFailed(ValidationReport(False, [_NOT_VALIDATED]))
    report = combine(edition.shacl, edition.checks)
    if not report.conforms:
        raise ValidationFailed(report)


def _slim(edition: Prepared) -> Prepared:
    """The edition without its N-Triples, which are in the store by now."""
    edition.ntriples = b""
    return edition


def _canonical(ntriples: bytes) -> bytes:
    """N-Triples as pyoxigraph writes them, so that lines compare across graphs."""
    scratch = ox.Store()
    scratch.bulk_load(ntriples, ox.RdfFormat.N_TRIPLES)
    return scratch.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""


def _audit_summary(prepared: list[Prepared]) -> str:
    """A progress line counting the audit findings by severity."""
    counts: Counter[str] = sum((e.severities for e in prepared), Counter())
    shown = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES)
    return f"audited the reports' own arithmetic: {shown} (tradekg audit lists them)"


def _build_info(
    editions: list[Edition],
    graphs: dict[str, int],
    quads: int,
    seconds: float,
    unresolved: list[str],
) -> dict[str, object]:
    return {
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tradekg_version": version("tradekg"),
        "base": ontology.base_iri(),
        "triples": quads,
        "graphs": graphs,
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
