"""Audit findings → RDF: one Web Annotation per finding, targeting the observations involved.

A finding is a ``tkg:AuditFinding`` (an ``oa:Annotation`` motivated by ``oa:assessing``) whose
``oa:hasTarget`` are the observations it relates, with its relation, severity, subject and the
arithmetic as ``oa:bodyValue``; SPARQL finds every finding on an observation by
``?finding oa:hasTarget ?observation`` (see ``queries/audit_findings.rq``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from tradekg.loaders.records import Observation
from tradekg.loaders.structure import Document
from tradekg.ontology import OA, QB, TKG, id_namespace

from .audit import SEVERITIES, audit, region_members
from .audit_findings import Finding
from .rdf import report_iri

Position = tuple[int, int]  # (line, absolute character offset of the quote)


def observation_positions(graph: Graph) -> dict[Position, URIRef]:
    """Every observation of ``graph`` by the line and character offset of its evidence."""
    found: dict[Position, URIRef] = {}
    for node in graph.subjects(RDF.type, QB.Observation):
        for evidence in graph.objects(node, PROV.wasDerivedFrom):
            line = graph.value(evidence, TKG.startLine)
            for selector in graph.objects(evidence, OA.hasSelector):
                start = graph.value(selector, OA.start)
                if isinstance(node, URIRef) and line is not None and start is not None:
                    found[(int(line), int(start))] = node
    return found


def findings_to_graph(
    findings: Sequence[Finding],
    year: int,
    observations: dict[Position, URIRef],
    line_offsets: Sequence[int],
    into: Graph | None = None,
) -> Graph:
    """The findings of one edition as annotations on its observations.

    ``observations`` maps an evidence position to its observation (``observation_positions``);
    ``line_offsets`` are the character offsets of each line, to place a statement's quote.
    A finding none of whose statements is an observation of the graph is left out. Written
    into ``into`` when given, else into a new graph.
    """
    graph = Graph() if into is None else into
    for number, finding in enumerate(findings, 1):
        targets = {
            observations.get((s.line, line_offsets[s.line - 1] + s.start))
            for s in finding.statements
        }
        targets.discard(None)
        if not targets:
            continue
        node = id_namespace()[f"report/{year}/audit/{number}"]
        _add_finding(graph, node, finding, year)
        for target in sorted(t for t in targets if t is not None):
            graph.add((node, OA.hasTarget, target))
    return graph


def _add_finding(graph: Graph, node: URIRef, finding: Finding, year: int) -> None:
    graph.add((node, RDF.type, TKG.AuditFinding))
    graph.add((node, OA.motivatedBy, OA.assessing))
    graph.add((node, TKG.report, report_iri(year)))
    graph.add((node, TKG.auditRelation, Literal(finding.relation)))
    graph.add((node, TKG.severity, Literal(finding.severity)))
    graph.add((node, TKG.about, Literal(finding.about)))
    graph.add((node, OA.bodyValue, Literal(finding.arithmetic)))
    for predicate, amount in (
        (TKG.difference, finding.difference),
        (TKG.tolerance, finding.tolerance),
    ):
        if amount is not None:
            graph.add((node, predicate, Literal(f"{amount:.6f}", datatype=XSD.decimal)))


def audit_annotations(
    records: Sequence[Observation],
    document: Document,
    observations: Graph,
    vocabularies: Graph,
    into: Graph | None = None,
) -> Graph:
    """Audit one edition's records and return the findings as annotations on ``observations``
    (the edition's Data Cube graph); regions are summed by the vocabularies' memberships.
    Written into ``into`` when given (``observations`` itself may be it), else a new graph."""
    findings = audit(list(records), region_members(vocabularies))
    positions = observation_positions(observations)
    return findings_to_graph(findings, document.year, positions, document.line_offsets, into)


def audit_summary(graphs: Iterable[Graph]) -> str:
    """A progress line counting the audit findings in ``graphs`` by severity."""
    counts: Counter[str] = Counter()
    for graph in graphs:
        counts.update(str(s) for s in graph.objects(None, TKG.severity))
    shown = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES)
    return f"audited the reports' own arithmetic: {shown} (tradekg audit lists them)"
