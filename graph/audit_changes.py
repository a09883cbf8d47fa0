"""A stated change in an amount vs the two amounts it is the difference of: ``贸易顺差X亿美元，
与上年Y亿美元顺差相比，差额增加Z亿美元`` must have Z = X − Y within rounding.

The change is a figure of measure ``other`` in a money unit, stated after the current amount
on its line; the earlier amount is the same quantity in the prior year (or the year the quote
names, ``比2021年``). A balance change is compared by size: the report words a deficit that
grows as ``逆差增加`` with a positive number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .audit_findings import Finding, about, in_unit, statement
from .audit_numbers import AUDITED_FLOWS, CANNOT_CHECK, Figure, nearest, prior_period, verdict
from .audit_rates import Index

MONEY = frozenset({"USD", "CNY"})
_CHANGE = re.compile(r"增加|减少|扩大|缩小|收窄|下降|提高|增长")
_BASE_YEAR = re.compile(r"(?:较|比)(\d{4})年")


def change_checks(figures: list[Figure], index: Index) -> Iterator[Finding]:
    """Each stated change of an amount vs the current and the earlier amount."""
    for change in figures:
        r = change.record
        if r.measure != "other" or r.unit_normalized not in MONEY or change.approximate:
            continue
        if r.flow not in AUDITED_FLOWS or not _CHANGE.search(r.quote):
            continue
        named = _BASE_YEAR.search(r.quote)
        earlier_period = named.group(1) if named else prior_period(r.period)
        current = index.beside(change, "value")
        if current is None or earlier_period is None:
            yield _unchecked(change, "no amount of this quantity stands beside the change")
            continue
        earlier = index.at(current, earlier_period, r.unit_normalized, "")
        base = nearest(earlier, change.line)
        if base is None:
            yield _unchecked(change, f"the {earlier_period} amount is not stated", current)
            continue
        yield _change(change, current, base)


def _change(change: Figure, current: Figure, base: Figure) -> Finding:
    computed = current.value - base.value
    by_size = change.record.flow == "balance"
    difference = abs(computed) - abs(change.value) if by_size else computed - change.value
    tolerance = current.half + base.half + change.half
    size = " (by size: a balance's change is worded by what grows)" if by_size else ""
    arithmetic = (
        f"{current.shown()} (line {current.line}) − {base.shown()} (line {base.line}) = "
        f"{in_unit(computed, change)}; stated change {change.shown()} (line {change.line}){size}; "
        f"difference {in_unit(difference, change)}, rounding allows {in_unit(tolerance, change)}"
    )
    return Finding(
        "change",
        verdict(difference, tolerance, change.value),
        about(change),
        arithmetic,
        (statement("change", change), statement("current", current), statement("earlier", base)),
        difference,
        tolerance,
    )


def _unchecked(change: Figure, reason: str, *others: Figure) -> Finding:
    statements = (statement("stated", change), *(statement("related", f) for f in others))
    arithmetic = f"{change.shown()} (line {change.line}): {reason}"
    return Finding("change", CANNOT_CHECK, about(change), arithmetic, statements)
