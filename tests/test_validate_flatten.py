"""Flattened shapes (graph/validate.py) report exactly what the shapes as written report, and
shapes split into parts report together what they report at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate as shacl_validate
from rdflib import Graph

from tradekg import ontology
from tradekg.graph.build import ontology_graph
from tradekg.graph.validate import (
    _violations,
    flatten_shapes,
    merge,
    shapes_graph,
    split_shapes,
    validate,
)
from tradekg.ontology import SH

CASES = Path(__file__).parent / "shapes"


def _results(data: Graph, shapes: Graph) -> list[tuple[str, ...]]:
    _, results, _ = shacl_validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    assert isinstance(results, Graph)
    found = [(v.focus, v.path, v.rule, v.message, v.value) for v in _violations(results)]
    return sorted(found)


@pytest.mark.parametrize("case", sorted(CASES.glob("*/*.ttl")), ids=lambda p: p.stem)
def test_flattened_shapes_report_the_same_violations(case: Path) -> None:
    data = ontology_graph()
    data.parse(CASES / "context.ttl")
    data.parse(case)
    written = ontology.load(ontology.SHAPES_FILE)
    flat = flatten_shapes(ontology.load(ontology.SHAPES_FILE))
    assert len(flat) > len(written)
    assert _results(data, flat) == _results(data, written)


@pytest.mark.parametrize("case", sorted(CASES.glob("invalid/*.ttl")), ids=lambda p: p.stem)
def test_shapes_split_in_parts_report_together_what_all_shapes_report(case: Path) -> None:
    data = ontology_graph()
    data.parse(CASES / "context.ttl")
    data.parse(case)
    whole = validate(data)
    parts = split_shapes(shapes_graph(), 2)
    reports = [validate(data, part) for part in parts]
    assert merge(reports) == whole and not whole.conforms


def test_every_targeted_shape_keeps_its_targets_in_exactly_one_part() -> None:
    shapes = shapes_graph()
    parts = split_shapes(shapes, 3)
    for target in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
        expected = sorted(shapes.subject_objects(target))
        found = sorted(pair for part in parts for pair in part.subject_objects(target))
        assert found == expected
