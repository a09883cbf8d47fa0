"""Every measured number of a report, with what it measures, for whom, when, and its evidence.

``extract_observations(text)`` reads the report's prose paragraph by paragraph and sentence by
sentence (``loaders/sentences.py``) and its tab-separated tables (``loaders/tables.py``), and
returns one :class:`Observation` per number, each with the line, offsets and verbatim quote it
came from. ``unresolved_lines`` lists the lines holding a number that no observation took, so
nothing is dropped silently.
"""

from __future__ import annotations

from .layout import line_role, paragraphs
from .numbers import find_quantities
from .periods import detect_report_year
from .records import FLOWS, MEASURES, Observation, make_observation
from .sentences import paragraph_observations
from .tables import numeric_cells, table_observations

__all__ = [
    "FLOWS",
    "MEASURES",
    "Observation",
    "extract_observations",
    "make_observation",
    "unresolved_lines",
]


def extract_observations(text: str, year: int | None = None) -> list[Observation]:
    """Every measured number of the report text; year is the report year (detected when None).

    >>> obs = extract_observations("2030年，中国服务出口5000.5亿美元，同比下降2.5%。", 2030)
    >>> [(o.measure, o.flow, o.value, o.unit) for o in obs]
    [('value', 'export', 5000.5, '亿美元'), ('yoy_growth_pct', 'export', -2.5, '%')]
    """
    report_year = year or detect_report_year(text) or 0
    lines = text.split("\n")
    found: list[Observation] = []
    for paragraph in paragraphs(lines):
        found.extend(paragraph_observations(paragraph, report_year))
    found.extend(table_observations(lines, report_year))
    return sorted(found, key=lambda o: (o.line, o.start, o.end))


def unresolved_lines(text: str, observations: list[Observation]) -> list[int]:
    """Lines that hold a number in a trade sentence or table that no observation took.

    A number counts as taken when it lies inside the quote of an observation on its line.
    """
    spans: dict[int, list[tuple[int, int]]] = {}
    for obs in observations:
        spans.setdefault(obs.line, []).append((obs.start, obs.end))
    missing = []
    for number, line in enumerate(text.split("\n"), 1):
        if line_role(line) in ("blank", "skipped", "heading", "caption"):
            continue
        taken = spans.get(number, [])
        for quantity in _numbers_on(line):
            if not any(s <= quantity < e for s, e in taken):
                missing.append(number)
                break
    return missing


def _numbers_on(line: str) -> list[int]:
    """Columns where a measured number starts on ``line``: quantities (not durations such as
    近5年, which are periods), and table cells other than the row's index or year."""
    if "\t" in line:
        return [start for start, _, _ in numeric_cells(line) if start > 0]
    return [q.start for q in find_quantities(line) if q.kind != "duration"]
