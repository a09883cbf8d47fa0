"""Observations of the report's tab-separated tables (表 x-y).

A table is its caption (``表 3-1：2022 年中国主要体育服务进出口统计``, maybe with ``单位：亿美元``),
a header row whose cells name each column's flow, measure and unit (``进口额 (亿元)``,
``增速（%）``, ``占比``), and rows labelled by a name, a year, or 合计 (the caption's subject).
A header may repeat inside the table after a page break; it replaces the one before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import gazetteer
from .layout import line_role
from .numbers import unit_table
from .periods import YEAR, find_periods
from .records import Observation, make_observation
from .subjects import flow_words, strip_marks
from .vocabularies import home

_CELL_NUMBER = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(%|％)?\s*$")
_UNIT_IN = re.compile(r"[（(]\s*(?:单位[:：]\s*)?([^（()）]+?)\s*[)）]")
_TOTAL_ROW = re.compile(r"^(?:合计|总计|总额|全国)$")


@dataclass(frozen=True)
class Column:
    """What the numbers of one column measure."""

    name: str
    measure: str
    flow: str
    unit: str


@dataclass
class _Table:
    subject: str
    period: str
    unit: str
    columns: dict[int, Column]
    year_rows: bool = False


def numeric_cells(line: str) -> list[tuple[int, int, float]]:
    """``(start, end, value)`` of every cell of a table row that holds one number."""
    cells, offset = [], 0
    for cell in line.split("\t"):
        match = _CELL_NUMBER.match(cell)
        if match:
            cells.append((offset, offset + len(cell.rstrip()), float(match.group(1))))
        offset += len(cell) + 1
    return cells


def table_observations(lines: list[str], report_year: int) -> list[Observation]:
    """Every numeric cell of every table, read through its header and caption."""
    found: list[Observation] = []
    table: _Table | None = None
    for number, line in enumerate(lines, 1):
        role = line_role(line)
        if role == "caption":
            table = _caption(line, report_year)
        elif role == "table":
            table = table or _Table("", str(report_year), "", {})
            if _is_header(line):
                table.columns = _columns(line, table.unit)
                table.year_rows = bool(re.match(r"\s*年份", line))
            else:
                found.extend(_row(number, line, table))
        elif role in ("body", "heading"):
            table = None
    return found


def _caption(line: str, report_year: int) -> _Table:
    text = re.sub(r"^\s*表\s*\d+\s*[-－—]\s*\d+\s*[：:]?\s*", "", strip_marks(line))
    periods = find_periods(text, report_year)
    period = periods[0].period if periods else str(report_year)
    unit = _UNIT_IN.search(text)
    title = re.sub(rf"(?:{YEAR})\s*(?:年)?(?:\s*[-—]\s*(?:{YEAR})\s*年)?\s*", "", text)
    title = _UNIT_IN.sub("", title).strip()
    flows = flow_words(title)
    subject = title[: flows[0][0]] if flows else re.sub(r"(?:统计|情况|估计值)$", "", title)
    return _Table(subject.strip(), period, unit.group(1).strip() if unit else "", {})


def _is_header(line: str) -> bool:
    cells = [c for c in line.split("\t") if c.strip()]
    numeric = sum(bool(_CELL_NUMBER.match(c)) for c in cells)
    return numeric == 0 or (
        numeric <= 1 and all(re.fullmatch(r"\s*\d{1,2}\s*", c) is None for c in cells[1:])
    )


def _columns(line: str, table_unit: str) -> dict[int, Column]:
    columns: dict[int, Column] = {}
    for index, cell in enumerate(line.split("\t")):
        name = strip_marks(cell).strip()
        if not name or re.fullmatch(
            r"序号|国家/地区|国家|地区|年份|相关领域|领域|名称|省份|城市", name
        ):
            continue
        unit_match = _UNIT_IN.search(name)
        unit = unit_match.group(1).strip() if unit_match else table_unit
        label = _UNIT_IN.sub("", name).strip()
        measure = "value"
        if re.search(r"增速|增长", label) or (unit == "%" and re.search(r"增", label)):
            measure = "yoy_growth_pct"
        elif re.search(r"占比|比重|份额", label):
            measure = "share_pct"
        flows = flow_words(label)
        columns[index] = Column(label, measure, flows[0][2] if flows else "none", unit)
    named = [c.flow for c in columns.values() if c.flow != "none"]
    if len(set(named)) == 1:
        columns = {
            i: c
            if c.flow != "none" or c.measure == "value"
            else Column(c.name, c.measure, named[0], c.unit)
            for i, c in columns.items()
        }
    return columns


def _row(number: int, line: str, table: _Table) -> list[Observation]:
    cells = line.split("\t")
    if table.year_rows and re.fullmatch(rf"\s*{YEAR}\s*", cells[0]):
        label = cells[0].strip()
    else:
        named = [c.strip() for c in cells if c.strip() and not _CELL_NUMBER.match(c)]
        label = named[0] if named else ""
    label_start = line.index(label) if label else 0
    found = []
    for start, end, value in numeric_cells(line):
        column = table.columns.get(_cell_index(line, start))
        if column is None or (start == label_start and label):
            continue
        found.append(_cell(number, line, (label_start, start, end, value), label, column, table))
    return found


def _cell_index(line: str, start: int) -> int:
    return line[:start].count("\t")


def _cell(
    number: int,
    line: str,
    where: tuple[int, int, int, float],
    label: str,
    column: Column,
    table: _Table,
) -> Observation:
    label_start, start, end, value = where
    cell = line[start:end]
    unit = "%" if cell.endswith(("%", "％")) or column.unit == "%" else column.unit
    unit = unit if unit in unit_table().symbols or unit == "%" else _known_unit(unit)
    year_row = table.year_rows and re.fullmatch(YEAR, label or "")
    subject = (
        column.name if year_row else (table.subject if _TOTAL_ROW.match(label or "") else label)
    )
    region = gazetteer.regions().pattern.fullmatch(label or "")
    reading = {
        "subject_zh": subject or table.subject,
        "scope_zh": home()[1],
        "measure": column.measure,
        "flow": column.flow if column.flow != "none" else _flow_of(table.subject),
        "period": label if year_row else table.period,
        "value": value,
        "unit": unit,
        "of_zh": table.subject + "进出口总额" if column.measure == "share_pct" else "",
    }
    notations = {
        # A row named for a partner (新加坡) is about the caption's sector (服务外包).
        "sector": gazetteer.sectors().last(subject or table.subject)
        or gazetteer.sectors().last(table.subject),
        "area": home()[0],
        "partner": gazetteer.regions().codes[region.group()] if region else None,
    }
    quote_start = min(label_start, start)
    return make_observation((number, quote_start, line[quote_start:end]), reading, notations)


def _flow_of(text: str) -> str:
    flows = flow_words(text)
    return flows[0][2] if flows else "none"


def _known_unit(unit: str) -> str:
    """A header unit as displayed when the vocabulary knows it (亿美元), else as written."""
    return unit.replace(" ", "")
