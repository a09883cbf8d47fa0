"""What the audit reports: findings, each with every statement it involves and its arithmetic.

A finding names the relation checked (``restatement``, ``flows-sum``, ``balance``,
``parts-total``, ``share``, ``growth``, ``change``, ``pp-change``), its severity (``contradiction``,
``rounding-level``, ``cannot-check``, or ``consistent`` when the relation holds), the
arithmetic in words, and the statements with their lines and verbatim quotes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .audit_numbers import CONTRADICTION, ROUNDING, SEVERITIES, Figure

RELATIONS = (
    "restatement",
    "flows-sum",
    "balance",
    "parts-total",
    "share",
    "growth",
    "change",
    "pp-change",
)


@dataclass(frozen=True)
class Statement:
    """One figure a finding involves, as the report states it."""

    role: str  # what the figure is in the relation: total, export, part, prior, stated…
    line: int
    start: int
    quote: str
    shown: str  # value and unit as displayed: 123.4亿美元
    value: float  # in base units (USD, percent…)


@dataclass(frozen=True)
class Finding:
    """One relation between the report's figures and whether it holds."""

    relation: str
    severity: str
    about: str  # what the figures are about: 建筑服务 · export · 2023
    arithmetic: str  # the computation in words, with the result
    statements: tuple[Statement, ...]
    difference: float | None = None  # computed − stated, in base units
    tolerance: float | None = None  # what the rounding of the shown figures allows

    def to_json(self) -> dict[str, object]:
        """The finding as a JSON-ready dict."""
        return asdict(self)

    @property
    def lines(self) -> list[int]:
        return sorted({s.line for s in self.statements})


def statement(role: str, figure: Figure) -> Statement:
    """The statement of ``figure`` in the role it plays in a relation."""
    record = figure.record
    return Statement(role, record.line, record.start, record.quote, figure.shown(), figure.value)


def worst(severities: list[str]) -> str:
    """The most severe of several severities (contradiction first)."""
    return min(severities, key=SEVERITIES.index)


def about(figure: Figure, *, flow: bool = True) -> str:
    """What a figure is about, in words: ``建筑服务 · 中国 · export · 2023``."""
    record = figure.record
    parts = [record.subject_zh or "?", record.scope_zh]
    if record.partner:
        parts.append(f"partner {record.partner}")
    if flow:
        parts.append(record.flow)
    parts.append(record.period)
    return " · ".join(p for p in parts if p)


def in_unit(amount: float, figure: Figure) -> str:
    """An amount in base units, shown in the figure's displayed unit (0.1亿美元)."""
    scale = figure.value / figure.record.value if figure.record.value else 1.0
    shown = amount / scale if scale else amount
    return f"{shown:.{figure.decimals + 1}f}{figure.record.unit}"


def tally(findings: list[Finding]) -> dict[str, int]:
    """How many findings of each severity, every severity listed."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def is_alarm(finding: Finding) -> bool:
    """Whether a finding says the report's figures disagree beyond or within rounding."""
    return finding.severity in (CONTRADICTION, ROUNDING)
