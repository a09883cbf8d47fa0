"""``GET /api/audit``: the audit of each report's own arithmetic, from the built graph.

The findings are annotations in the graph (``tkg:AuditFinding``); this route runs the named
query ``audit_findings`` and regroups its rows, one per finding with every figure involved.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from tradekg.graph.audit_report import findings_from_rows
from tradekg.graph.workers import QueryPool

from .. import named
from ..deps import get_pool, get_settings
from ..settings import Settings

router = APIRouter(prefix="/api", tags=["audit"])

Severity = Literal["contradiction", "rounding-level", "cannot-check", "consistent"]
Relation = Literal[
    "restatement", "flows-sum", "balance", "parts-total", "share", "growth", "change", "pp-change"
]


class Figure(BaseModel):
    figure: str
    line: int
    quote: str
    value: float
    unit: str


class Finding(BaseModel):
    finding: str
    report: str
    relation: str
    severity: str
    about: str
    arithmetic: str
    statements: list[Figure]


class Audit(BaseModel):
    counts: dict[str, int]
    truncated: bool
    findings: list[Finding]


@router.get("/audit", response_model=Audit)
def audit(
    severity: Severity | None = Query(None, description="only findings of this severity"),
    relation: Relation | None = Query(None, description="only findings of this relation"),
    pool: QueryPool = Depends(get_pool),
    settings: Settings = Depends(get_settings),
) -> Audit:
    """Every finding of the audit (contradictions first) with the arithmetic, and the quote
    and line of every figure involved; ``counts`` are by severity, after the filters."""
    params: dict[str, str] = {
        k: str(v) for k, v in (("severity", severity), ("relation", relation)) if v
    }
    found = named.rows(pool, "audit_findings", params, settings.row_cap)
    findings = [Finding.model_validate(f) for f in findings_from_rows(found.rows)]
    counts = dict.fromkeys(("contradiction", "rounding-level", "cannot-check", "consistent"), 0)
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return Audit(counts=counts, truncated=found.truncated, findings=findings)
