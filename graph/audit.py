"""An audit of a report's own arithmetic: does it agree with itself?

``audit(records, members)`` takes the observation records of one edition and returns a
finding for every relation between its figures that the report states: the same quantity
stated twice, exports + imports vs the total, exports − imports vs the balance, parts vs a
stated total (table 合计 rows, regions), a share vs its part and whole, a growth rate vs the
prior year's value, a stated change vs the two amounts it separates, a percentage-point change vs two stated shares. Each finding carries every
statement involved (line and verbatim quote) and the arithmetic; its severity says whether the
relation holds (``consistent``), holds only within the report's rounding (``rounding-level``),
fails beyond rounding (``contradiction``), or could not be checked (``cannot-check``, with the
reason). Pure functions: records in, findings out; nothing depends on one edition's figures.
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Graph

from tradekg import ontology
from tradekg.loaders.records import Observation

from .audit_changes import change_checks
from .audit_findings import RELATIONS, Finding, Statement, is_alarm, tally
from .audit_numbers import SEVERITIES, figure
from .audit_parts import region_parts, table_totals
from .audit_rates import Index, growth_checks, pp_checks, share_checks
from .audit_sums import flow_sums, restatements

__all__ = [
    "RELATIONS",
    "SEVERITIES",
    "Finding",
    "Statement",
    "audit",
    "is_alarm",
    "region_members",
    "tally",
]


def audit(
    records: list[Observation], members: Mapping[str, frozenset[str]] | None = None
) -> list[Finding]:
    """Every checkable relation among ``records`` and whether it holds, most severe first.

    ``members`` maps a region's notation to its members' notations (``region_members``);
    without it, regions are not summed.

    >>> from tradekg.loaders.observations import extract_observations
    >>> text = "2030年，甲服务进出口100.5亿美元。其中，出口60.2亿美元，进口40.2亿美元。"
    >>> [(f.relation, f.severity) for f in audit(extract_observations(text, 2030))]
    [('flows-sum', 'rounding-level')]
    """
    figures = [figure(r) for r in records]
    index = Index(figures)
    findings = [
        *restatements(figures),
        *flow_sums(figures),
        *table_totals(figures),
        *region_parts(figures, members or {}),
        *share_checks(figures, index),
        *growth_checks(figures, index),
        *change_checks(figures, index),
        *pp_checks(figures, index),
    ]
    return sorted(
        findings,
        key=lambda f: (SEVERITIES.index(f.severity), RELATIONS.index(f.relation), f.lines),
    )


def region_members(vocabulary: Graph | None = None) -> dict[str, frozenset[str]]:
    """Each region's notation → its members' notations (``tkg:hasMember`` in regions.ttl)."""
    from rdflib.namespace import SKOS

    graph = vocabulary if vocabulary is not None else ontology.load("regions.ttl")
    notation = {s: str(o) for s, o in graph.subject_objects(SKOS.notation)}
    found: dict[str, set[str]] = {}
    for region, member in graph.subject_objects(ontology.TKG.hasMember):
        if region in notation and member in notation:
            found.setdefault(notation[region], set()).add(notation[member])
    return {k: frozenset(v) for k, v in found.items()}
