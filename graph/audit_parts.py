"""Parts vs a stated total: a table's rows vs its 合计 row, and regions vs the whole they lie in.

A table's 合计 row must equal the sum of the rows above it within the rounding of every cell
(a column's cells show the same decimals, so ``4`` in a column of ``12.5`` stands for 4.0).
Regions stated side by side (东部, 中部, 西部, 东北…) are parts of the country only as far as the
region vocabulary says they are disjoint; the country's total may hold what no region is
credited with, so the regions' sum must not exceed it — it need not reach it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping

from .audit_findings import Finding, about, in_unit, statement
from .audit_numbers import (
    AUDITED_FLOWS,
    CANNOT_CHECK,
    CONSISTENT,
    Figure,
    figure,
    nearest,
    verdict,
)

ADDITIVE = frozenset({"value", "share_pct", "count"})
_TOTAL_LABEL = re.compile(r"^\s*(?:合计|总计)")
_TABLE_GAP = 4  # lines: rows further apart belong to different tables
_PASSAGE_GAP = 12  # lines: regions stated further apart belong to different passages


def table_totals(figures: list[Figure]) -> Iterator[Finding]:
    """For each table with a 合计 row: does every additive column add up to it?"""
    for table in _tables([f for f in figures if "\t" in f.record.quote]):
        columns: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
        for f in table:
            r = f.record
            columns[(r.measure, r.flow, r.unit_normalized, r.period)].append(f)
        for (measure, *_), cells in columns.items():
            totals = [f for f in cells if _TOTAL_LABEL.match(f.record.quote)]
            parts = [f for f in cells if not _TOTAL_LABEL.match(f.record.quote)]
            if not totals or not parts:
                continue
            reason = ""
            if measure not in ADDITIVE:
                reason = f"{measure} figures do not add up across rows"
            elif len(totals) > 1 or len({f.line for f in cells}) < len(cells):
                reason = "two columns measure alike (another year?) and cannot be told apart"
            if reason:
                yield _unchecked(totals[0], parts, reason)
                continue
            yield _table_total(_with_column_decimals(totals[0], cells), parts, cells)


def _tables(cells: list[Figure], gap: int = _TABLE_GAP) -> list[list[Figure]]:
    tables: list[list[Figure]] = []
    for f in sorted(cells, key=lambda f: (f.line, f.record.start)):
        if tables and f.line - tables[-1][-1].line <= gap:
            tables[-1].append(f)
        else:
            tables.append([f])
    return tables


def _with_column_decimals(cell: Figure, column: list[Figure]) -> Figure:
    return figure(cell.record, max(f.decimals for f in column))


def _table_total(total: Figure, parts: list[Figure], column: list[Figure]) -> Finding:
    parts = [_with_column_decimals(p, column) for p in parts]
    computed = sum(p.value for p in parts)
    difference = computed - total.value
    tolerance = sum(p.half for p in parts) + total.half
    arithmetic = (
        " + ".join(p.shown() for p in parts)
        + f" = {in_unit(computed, total)} (lines {parts[0].line}–{parts[-1].line}); stated "
        f"{total.shown()} (line {total.line}); difference {in_unit(difference, total)}, "
        f"rounding allows {in_unit(tolerance, total)}"
    )
    return Finding(
        "parts-total",
        verdict(difference, tolerance, total.value),
        about(total),
        arithmetic,
        (statement("total", total), *(statement("part", p) for p in parts)),
        difference,
        tolerance,
    )


def region_parts(figures: list[Figure], members: Mapping[str, frozenset[str]]) -> Iterator[Finding]:
    """Regions stated together (one passage) vs the whole they are parts of: China's value for
    values, 100% for shares of one whole."""
    groups: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for f in figures:
        r = f.record
        audited = r.measure in ("value", "share_pct") and r.flow in AUDITED_FLOWS
        placed = r.area in members and r.partner is None and "\t" not in r.quote
        if audited and placed and not f.approximate:
            groups[(r.sector, r.measure, r.flow, r.period, r.unit_normalized, r.of_zh)].append(f)
    for key, group in groups.items():
        for passage in _passages(group, members):
            if len(passage) < 2:
                continue
            whole = 100.0 if key[1] == "share_pct" else _country_whole(passage[0], figures)
            if whole is None:
                reason = "the country's total of this quantity is not stated with one value"
                yield _unchecked(passage[0], passage[1:], reason)
                continue
            yield _within(passage, whole)


def _passages(group: list[Figure], members: Mapping[str, frozenset[str]]) -> list[list[Figure]]:
    """Regions stated close together whose members do not overlap: a region that is near
    but overlaps the passage so far (东部 after 长三角) starts a new passage."""
    passages: list[list[Figure]] = []
    covered: set[str] = set()
    for f in sorted(group, key=lambda f: (f.line, f.record.start)):
        inside = members[str(f.record.area)]
        if passages and f.line - passages[-1][-1].line <= _PASSAGE_GAP and not covered & inside:
            passages[-1].append(f)
            covered |= inside
        else:
            passages.append([f])
            covered = set(inside)
    return passages


def _country_whole(part: Figure, figures: list[Figure]) -> Figure | None:
    r = part.record
    wholes = [
        f
        for f in figures
        if not f.approximate
        and f.record.area == "CN"
        and f.record.partner is None
        and (f.record.sector, f.record.measure, f.record.flow, f.record.period)
        == (r.sector, r.measure, r.flow, r.period)
        and f.record.unit_normalized == r.unit_normalized
        and r.sector is not None
    ]
    if len({round(f.value, 6) for f in wholes}) != 1:
        return None
    return nearest(wholes, part.line)


def _within(parts: list[Figure], whole: Figure | float) -> Finding:
    computed = sum(p.value for p in parts)
    tolerance = sum(p.half for p in parts)
    if isinstance(whole, Figure):
        value, tolerance, shown = whole.value, tolerance + whole.half, whole.shown()
        where = f" (line {whole.line})"
    else:
        value, shown, where = whole, f"{whole:g}%", ""
    excess = max(0.0, computed - value)
    arithmetic = (
        " + ".join(f"{p.shown()} ({p.record.area})" for p in parts)
        + f" = {in_unit(computed, parts[0])}; the whole is {shown}{where}; the parts may fall "
        f"short of the whole (not every amount is credited to a region) but not exceed it"
    )
    statements = tuple(statement("part", p) for p in parts)
    if isinstance(whole, Figure):
        statements = (statement("whole", whole), *statements)
    severity = verdict(excess, tolerance, value) if excess else CONSISTENT
    return Finding(
        "parts-total",
        severity,
        f"{len(parts)} regions · {parts[0].record.flow} · {parts[0].record.period}",
        arithmetic,
        statements,
        computed - value,
        tolerance,
    )


def _unchecked(first: Figure, others: list[Figure], reason: str) -> Finding:
    statements = (statement("stated", first), *(statement("related", f) for f in others))
    return Finding("parts-total", CANNOT_CHECK, about(first), f"{reason}", statements)
