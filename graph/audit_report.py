"""The audit as people read it: per edition, counts by severity, then every finding with its
arithmetic and the quotes and lines involved; as text or as JSON.

``audit_editions`` audits report files (what ``tradekg audit`` runs); ``findings_from_rows``
regroups the rows of ``queries/audit_findings.rq`` (what ``GET /api/audit`` serves from the
built graph) into the same JSON shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tradekg.loaders.observations import extract_observations

from .audit import SEVERITIES, Finding, audit, region_members, tally
from .build import read_editions


@dataclass(frozen=True)
class EditionAudit:
    """The findings on one edition."""

    edition: int
    path: str
    findings: list[Finding]

    def to_json(self, severities: Iterable[str] = SEVERITIES) -> dict[str, object]:
        """Counts of every severity, and the findings of ``severities``."""
        wanted = set(severities)
        return {
            "edition": self.edition,
            "path": self.path,
            "counts": tally(self.findings),
            "findings": [f.to_json() for f in self.findings if f.severity in wanted],
        }


def audit_editions(paths: list[Path]) -> list[EditionAudit]:
    """Read, extract and audit each report (ReportFormatError when one cannot be read)."""
    members = region_members()
    audits = []
    for edition in read_editions(paths):
        records = extract_observations(edition.text, year=edition.document.year)
        audits.append(
            EditionAudit(edition.document.year, str(edition.path), audit(records, members))
        )
    return audits


def render_text(audits: list[EditionAudit], severities: Iterable[str] = SEVERITIES) -> str:
    """The audit as text: one block per finding, most severe first."""
    wanted = set(severities)
    out: list[str] = []
    for edition in audits:
        counts = ", ".join(f"{n} {severity}" for severity, n in tally(edition.findings).items())
        out.append(f"edition {edition.edition} ({edition.path}): {counts}")
        for finding in edition.findings:
            if finding.severity in wanted:
                out += ["", *_finding_lines(finding)]
        out.append("")
    return "\n".join(out)


def _finding_lines(finding: Finding) -> list[str]:
    lines = [
        f"[{finding.severity}] {finding.relation} — {finding.about}",
        f"    {finding.arithmetic}",
    ]
    for s in finding.statements:
        lines.append(f"    line {s.line:>5}  {s.role:<8} {s.quote.replace(chr(9), ' ')}")
    return lines


def findings_from_rows(rows: Iterable[Mapping[str, str]]) -> list[dict[str, object]]:
    """Rows of ``audit_findings.rq`` (one per finding and figure) as one dict per finding,
    its figures listed under ``statements``."""
    findings: dict[str, dict[str, object]] = {}
    for row in rows:
        finding = findings.setdefault(
            row["finding"],
            {
                "finding": row["finding"],
                "report": row["report"],
                "relation": row["findingRelation"],
                "severity": row["findingSeverity"],
                "about": row["about"],
                "arithmetic": row["arithmetic"],
                "statements": [],
            },
        )
        statements = finding["statements"]
        assert isinstance(statements, list)
        statement = {k: row[k] for k in ("figure", "line", "quote", "value", "unit")}
        if statement not in statements:
            statements.append(statement)
    return sorted(findings.values(), key=lambda f: SEVERITIES.index(str(f["severity"])))
