"""Flattened shapes (graph/validate.py) report exactly what the shapes as written report."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate as shacl_validate
from rdflib import Graph

from tradekg import ontology
from tradekg.graph.build import ontology_graph
from tradekg.graph.validate import _violations, flatten_shapes

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
