"""Numbers as the audit sees them: a stated value, its rounding, and what it is a value of.

The report rounds every figure to the decimals it shows (``123.4亿美元`` is a value in
[123.35, 123.45)), so two statements agree when their rounding intervals allow it. A figure
with a qualifier (超, 约, 近, 余, 多, 以上 …) is a bound, not a value, and checks nothing.
Pure functions over observation records; nothing here knows RDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tradekg.loaders.numbers import normalize
from tradekg.loaders.records import Observation

CONSISTENT = "consistent"
ROUNDING = "rounding-level"
CONTRADICTION = "contradiction"
CANNOT_CHECK = "cannot-check"
SEVERITIES = (CONTRADICTION, ROUNDING, CANNOT_CHECK, CONSISTENT)

#: Flows whose figures the audit compares (``none`` figures have too vague a subject).
AUDITED_FLOWS = frozenset(
    {"total", "export", "import", "balance", "contract", "execution", "revenue", "output"}
)
_APPROXIMATE = re.compile(r"超过|超|约|近|余|多|以上|逾|不到|不足|突破|左右|至少|上下|高达")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SCOPE_PREFIX = re.compile(r"^(?:中国|全国|我国)")


@dataclass(frozen=True)
class Figure:
    """One observation with its rounding: ``half`` is half a unit of its last shown decimal,
    in base units (USD, percent…), so the true value lies within ``value ± half``."""

    record: Observation
    value: float
    half: float
    decimals: int
    approximate: bool

    @property
    def line(self) -> int:
        return self.record.line

    def shown(self) -> str:
        """The figure as the report shows it, with its unit: ``123.4亿美元``."""
        number = f"{self.record.value:.{self.decimals}f}"
        return f"{number}{self.record.unit}"


def figure(record: Observation, decimals: int | None = None) -> Figure:
    """A record as a figure; ``decimals`` overrides the decimals read from the quote.

    >>> from tradekg.loaders.observations import extract_observations
    >>> [f] = [figure(o) for o in extract_observations("2030年，中国服务出口12.5亿美元。", 2030)]
    >>> f.value, f.half, f.decimals
    (1250000000.0, 5000000.0, 1)
    """
    shown = decimals if decimals is not None else shown_decimals(record)
    scale = normalize(1.0, record.unit)[0] or 1.0
    value = record.value_normalized if record.value_normalized is not None else record.value
    return Figure(record, value, 0.5 * 10.0**-shown * scale, shown, is_approximate(record))


def shown_decimals(record: Observation) -> int:
    """How many decimals the quote shows for the record's value (``12.50`` → 2)."""
    for match in _NUMBER.finditer(record.quote):
        if abs(float(match.group()) - abs(record.value)) < 1e-9:
            return len(match.group().partition(".")[2])
    text = repr(abs(record.value))
    return 0 if text.endswith(".0") else len(text.partition(".")[2])


def is_approximate(record: Observation) -> bool:
    """Whether the quote qualifies its number (超过100亿美元 is a bound, not a value)."""
    return bool(_APPROXIMATE.search(record.quote))


def subject_key(record: Observation) -> str:
    """The subject as the text words it, without a leading 中国/全国/我国."""
    return _SCOPE_PREFIX.sub("", record.subject_zh)


def quantity_key(record: Observation) -> tuple[object, ...]:
    """What a figure is a figure of: two records with equal keys state the same quantity."""
    return (*place_key(record), record.measure, record.flow, record.period, record.of_zh)


def place_key(record: Observation) -> tuple[object, ...]:
    """The subject, its sector, area and partner, and the base unit of a record."""
    return (
        subject_key(record),
        record.sector,
        record.area,
        record.partner,
        record.unit_normalized,
    )


def verdict(difference: float, tolerance: float, magnitude: float) -> str:
    """Consistent when the difference is nil, rounding-level within ``tolerance``, else a
    contradiction.

    >>> verdict(0.0, 0.15, 500.0), verdict(0.1, 0.15, 500.0), verdict(0.3, 0.15, 500.0)
    ('consistent', 'rounding-level', 'contradiction')
    """
    epsilon = 1e-9 * max(1.0, abs(magnitude))
    if abs(difference) <= epsilon:
        return CONSISTENT
    if abs(difference) <= tolerance + epsilon:
        return ROUNDING
    return CONTRADICTION


def prior_period(period: str) -> str | None:
    """The same period a year earlier (``2023`` → ``2022``, ``2023-12-31`` → ``2022-12-31``);
    None for a range.

    >>> prior_period("2023"), prior_period("2023-12-31"), prior_period("2016-2023")
    ('2022', '2022-12-31', None)
    """
    match = re.fullmatch(r"(\d{4})((?:-\d{2}){0,2})", period)
    if match is None:
        return None
    return f"{int(match.group(1)) - 1}{match.group(2)}"


def nearest(candidates: list[Figure], line: int) -> Figure | None:
    """The candidate stated closest to ``line`` (the same line first, then the earlier one)."""
    if not candidates:
        return None
    return min(candidates, key=lambda f: (abs(f.line - line), f.line > line, f.record.start))
