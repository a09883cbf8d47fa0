"""Integrity checks beyond SHACL core (queries/checks/*-violation.rq): silent on the built
graph, each planted error reported on its node with the check's name and a message."""

from __future__ import annotations

from pathlib import Path

from helpers import run_cli
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF

from tradekg.graph.checks import check_queries, checks_report, run_checks, store_of
from tradekg.graph.export import store_to_graph
from tradekg.graph.store import open_store
from tradekg.graph.validate import ValidationFailed
from tradekg.ontology import OA, QB, TKG, id_namespace

CHECKS = {
    "quote-not-at-offsets",
    "evidence-outside-block",
    "normalized-value",
    "period-impossible",
    "evidence-from-other-report",
    "span-selectors",
}


def test_every_check_is_a_documented_select_of_focus_path_value_message() -> None:
    assert {c.name for c in check_queries()} == CHECKS
    for check in check_queries():
        assert check.summary, check.name
        assert "SELECT ?focus ?path ?value ?message" in check.text


def test_the_built_graph_passes_every_check(built_dir: Path) -> None:
    assert run_checks(open_store(built_dir)) == []


def test_validate_command_runs_shapes_and_checks(built_dir: Path) -> None:
    result = run_cli("validate", "--data-dir", str(built_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout


def test_each_check_reports_its_planted_error(built_dir: Path) -> None:
    graph = store_to_graph(open_store(built_dir))
    observations = sorted(graph.subjects(RDF.type, QB.Observation))
    planted: dict[str, URIRef] = {}

    def evidence_of(node: object) -> URIRef:
        found = graph.value(node, PROV.wasDerivedFrom)  # type: ignore[arg-type]
        assert isinstance(found, URIRef)
        return found

    node = observations[0]
    graph.set((node, TKG.period, Literal("2023-2016")))
    planted["period-impossible"] = node
    node = next(o for o in observations[1:] if str(graph.value(o, TKG.unit)) == "亿美元")
    graph.set((node, TKG.normalizedUnit, Literal("CNY")))
    planted["normalized-value"] = node
    node = observations[-1]
    graph.set((evidence_of(node), OA.hasSource, id_namespace()["report/1999"]))
    graph.add((id_namespace()["report/1999"], RDF.type, TKG.Report))
    planted["evidence-from-other-report"] = node
    evidence = evidence_of(observations[-2])
    graph.set((evidence, TKG.endLine, Literal(10**6)))
    planted["evidence-outside-block"] = evidence
    evidence = evidence_of(observations[-3])
    quote = next(s for s in graph.objects(evidence, OA.hasSelector) if str(s).endswith("quote"))
    graph.set((quote, OA.exact, Literal(str(graph.value(quote, OA.exact)) + "。")))
    planted["quote-not-at-offsets"] = evidence
    evidence = evidence_of(observations[-4])
    position = next(
        s for s in graph.objects(evidence, OA.hasSelector) if str(s).endswith("position")
    )
    graph.remove((evidence, OA.hasSelector, position))
    graph.add((evidence, OA.hasSelector, quote))
    planted["span-selectors"] = evidence

    report = checks_report(store_of(graph))
    found = {(v.rule, v.focus) for v in report.violations}
    assert found == {(rule, f"<{node}>") for rule, node in planted.items()}
    summary = str(ValidationFailed(report))
    assert all(rule in summary for rule in CHECKS)
    assert all(v.message and v.path.startswith("<") for v in report.violations)
