"""The observation record: one measured number, what it measures, and its evidence.

Kept apart from the extractor so the prose and table readers can build records without
importing each other; ``loaders.observations`` re-exports :class:`Observation`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .numbers import normalize

MEASURES = ("value", "yoy_growth_pct", "share_pct", "pp_change", "count", "ratio", "rank", "other")
FLOWS = (
    "total",
    "export",
    "import",
    "balance",
    "contract",
    "execution",
    "revenue",
    "output",
    "none",
)


@dataclass(frozen=True)
class Observation:
    """One measured number and its evidence (DESIGN.md, "The extraction contract")."""

    line: int  # 1-based line number in the report text (text.split("\n"))
    start: int  # 0-based character offset of quote within that line
    end: int  # line_text[start:end] == quote
    quote: str  # verbatim
    subject_zh: str
    scope_zh: str
    measure: str  # one of MEASURES
    flow: str  # one of FLOWS
    period: str  # "2023" | "2016-2023" | "2023-12-31"
    value: float
    unit: str  # as displayed: "亿美元", "%", "个百分点", "万人", "家" …
    of_zh: str  # what a share/pp_change is a share of, else ""
    value_normalized: float | None
    unit_normalized: str  # "USD", "CNY", "percent", "percentage_point", "persons", "count", …
    sector: str | None  # notation of the sector concept when resolved (e.g. "SI")
    area: str | None  # notation of the region (scope) when resolved (e.g. "CN", "WORLD")
    partner: str | None  # notation of a partner region when there is one

    def to_json(self) -> dict:
        """The record of the extraction contract, ``"kind": "observation"`` first."""
        return {"kind": "observation", **asdict(self)}


def make_observation(
    where: tuple[int, int, str], reading: dict, notations: dict[str, str | None]
) -> Observation:
    """An Observation from its evidence ``(line, start, quote)``, its reading and notations.

    ``reading`` holds subject_zh, scope_zh, measure, flow, period, value, unit and of_zh; the
    normalised value is derived here so every producer normalises the same way.
    """
    line, start, quote = where
    normalized, base = normalize(reading["value"], reading["unit"])
    if reading["measure"] == "rank":
        normalized, base = reading["value"], "rank"
    return Observation(
        line=line,
        start=start,
        end=start + len(quote),
        quote=quote,
        value_normalized=normalized,
        unit_normalized=base,
        sector=notations.get("sector"),
        area=notations.get("area"),
        partner=notations.get("partner"),
        **reading,
    )
