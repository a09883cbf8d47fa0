"""Conformance of several editions stored together, beyond what each edition's validation saw.

Each edition is validated with the vocabularies on its own (``graph/edition.py``). Adding
graphs together can only add values, so the one kind of SHACL violation a union can create
that no single edition shows is a property the shapes allow once (``sh:maxCount 1``) given
two values by two editions — one document with two dates, say. This module finds those on the
store, for the nodes more than one edition describes.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pyoxigraph as ox
from rdflib import Graph, Literal, Node, URIRef

from tradekg import ontology, queries
from tradekg.ontology import SH

from .binding import rows_block, with_block, with_trailing_block
from .validate import ValidationReport, Violation

#: Nodes per query: the VALUES block stays a few hundred kilobytes.
_BATCH = 2000

Rule = tuple[str, str, str]  # class IRI, property IRI, message


@cache
def single_valued_rules() -> tuple[Rule, ...]:
    """Every (class, property, message) the shapes allow at most once, on a plain property."""
    return tuple(sorted(_single_valued(ontology.load(ontology.SHAPES_FILE))))


def _single_valued(shapes: Graph) -> set[Rule]:
    found = set()
    for prop in shapes.subjects(SH.maxCount, Literal(1)):
        path = shapes.value(prop, SH.path)
        if not isinstance(path, URIRef):
            continue
        message = str(shapes.value(prop, SH.message) or "at most one value")
        for target in _target_classes(shapes, prop):
            found.add((str(target), str(path), message))
    return found


def _target_classes(shapes: Graph, prop: Node) -> list[Node]:
    owners = [prop, *shapes.subjects(SH.property, prop)]
    return [c for owner in owners for c in shapes.objects(owner, SH.targetClass)]


def cross_edition_report(store: ox.Store, focus: Iterable[str]) -> ValidationReport:
    """Single-valued properties that the nodes in ``focus`` hold twice in the union of graphs."""
    nodes = sorted(focus)
    rules = rows_block(
        ["class", "path", "message"],
        [[ox.NamedNode(c), ox.NamedNode(p), ox.Literal(m)] for c, p, m in single_valued_rules()],
    )
    query = queries.load_from("editions", "single-valued").text
    violations = []
    for start in range(0, len(nodes), _BATCH):
        batch = rows_block(["focus"], [[ox.NamedNode(n)] for n in nodes[start : start + _BATCH]])
        text = with_trailing_block(with_block(query, batch), rules)
        solutions = store.query(text, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        for row in solutions:
            violations.append(
                Violation(
                    focus=f"<{row['focus'].value}>",
                    path=f"<{row['path'].value}>",
                    rule="MaxCount",
                    message=f"{row['message'].value} Two editions disagree.",
                    value=f"{row['value'].value} / {row['other'].value}",
                )
            )
    return ValidationReport(not violations, violations)
