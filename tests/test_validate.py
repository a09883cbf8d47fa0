"""SHACL validation: good data conforms, each planted error is named by node, path and rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

from tradekg.graph.build import ontology_graph
from tradekg.graph.export import store_to_graph
from tradekg.graph.store import open_store
from tradekg.graph.validate import validate
from tradekg.ontology import PREFIXES, TKG, id_namespace

CASES = Path(__file__).parent / "shapes"


def _case_graph(path: Path) -> Graph:
    graph = ontology_graph()
    graph.parse(CASES / "context.ttl")
    graph.parse(path)
    return graph


def _expected(path: Path) -> tuple[str, str, str]:
    line = next(
        x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith("# expect:")
    )
    focus, prop, rule = line.removeprefix("# expect:").split()
    prefix, _, local = prop.partition(":")
    namespaces = {k: str(v) for k, v in PREFIXES.items()}
    return f"<{id_namespace()}{focus.removeprefix('id:')}>", f"<{namespaces[prefix]}{local}>", rule


@pytest.mark.parametrize("case", sorted((CASES / "valid").glob("*.ttl")), ids=lambda p: p.stem)
def test_valid_case_conforms(case: Path) -> None:
    report = validate(_case_graph(case))
    assert report.conforms, report.summary()


@pytest.mark.parametrize("case", sorted((CASES / "invalid").glob("*.ttl")), ids=lambda p: p.stem)
def test_invalid_case_is_reported_with_node_path_and_rule(case: Path) -> None:
    report = validate(_case_graph(case))
    focus, path, rule = _expected(case)
    assert not report.conforms
    hits = [v for v in report.violations if (v.focus, v.path, v.rule) == (focus, path, rule)]
    assert hits, report.summary()
    assert hits[0].message and focus in str(hits[0]) and path in str(hits[0])


def test_built_graph_conforms(built_dir: Path) -> None:
    report = validate(store_to_graph(open_store(built_dir)))
    assert report.conforms, report.summary()


def test_section_stripped_of_its_title_in_the_built_graph_fails(built_dir: Path) -> None:
    graph = store_to_graph(open_store(built_dir))
    section = next(graph.subjects(RDF.type, TKG.Section))
    graph.remove((section, DCTERMS.title, None))
    report = validate(graph)
    assert not report.conforms
    [violation] = report.violations
    assert violation.focus == f"<{section}>"
    assert violation.path == f"<{DCTERMS.title}>"
    assert violation.rule == "MinCount"
    assert "title" in violation.message


def test_summary_lists_each_violation_on_its_own_line() -> None:
    graph = _case_graph(CASES / "invalid" / "observation-without-period.ttl")
    graph.remove((URIRef(f"{id_namespace()}observation/t1"), TKG.unit, None))
    lines = validate(graph).summary().splitlines()
    assert lines[0] == "2 SHACL violation(s):"
    assert len(lines) == 3 and all(line.startswith("  Violation: <") for line in lines[1:])
    assert any("ontology#period>" in line for line in lines[1:])
    assert any("ontology#unit>" in line for line in lines[1:])
