"""Integrity checks beyond SHACL core: the ``queries/checks/*-violation.rq`` queries.

Each check is a SELECT whose every row is a violation, with ``?focus`` (the node at fault),
``?path`` (the property), ``?value`` and ``?message`` (what is wrong and how to fix it). Rows
become :class:`~tradekg.graph.validate.Violation` records named by the check, so a failed
check reads and fails like a SHACL violation. The checks run on a pyoxigraph store: the built
one, or an in-memory copy of an rdflib graph (``store_of``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import pyoxigraph as ox
from rdflib import Graph

from tradekg import queries

from .validate import ValidationReport, Violation

SUFFIX = "-violation.rq"


@dataclass(frozen=True)
class Check:
    """One check query: its name (the file name without the suffix), summary and text."""

    name: str
    summary: str
    text: str


@cache
def check_queries() -> tuple[Check, ...]:
    """Every ``queries/checks/*-violation.rq`` shipped with the package, by name."""
    folder = resources.files(queries.__name__).joinpath("checks")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(SUFFIX):
            name = entry.name.removesuffix(SUFFIX)
            parsed = queries.parse_query_file(name, entry.read_text(encoding="utf-8"))
            found.append(Check(name, parsed.summary, parsed.text))
    return tuple(found)


def run_checks(store: ox.Store) -> list[Violation]:
    """Every row of every check on ``store`` (all named graphs as one), as violations."""
    found: list[Violation] = []
    for check in check_queries():
        solutions = store.query(check.text, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions), f"{check.name} must be a SELECT"
        for row in solutions:
            found.append(
                Violation(
                    focus=_show(row["focus"]),
                    path=_show(row["path"]),
                    rule=check.name,
                    message=_text(row["message"]) or check.summary,
                    value=_text(row["value"]),
                )
            )
    return sorted(found, key=lambda v: (v.focus, v.path, v.rule))


def checks_report(store: ox.Store) -> ValidationReport:
    """The checks as a validation report: conforms when no check returned a row."""
    violations = run_checks(store)
    return ValidationReport(not violations, violations)


def combine(shacl: ValidationReport, checks: ValidationReport) -> ValidationReport:
    """SHACL's and the checks' violations as one report."""
    return ValidationReport(
        shacl.conforms and checks.conforms, [*shacl.violations, *checks.violations]
    )


def store_of(graph: Graph) -> ox.Store:
    """An in-memory pyoxigraph store holding ``graph`` (for checking a graph not yet stored)."""
    store = ox.Store()
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return store


def _show(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    return _text(term)


def _text(term: object) -> str:
    if term is None:
        return ""
    value = term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term)
    return value if len(value) < 200 else value[:197] + "…"
