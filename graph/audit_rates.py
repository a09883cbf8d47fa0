"""Checks of rates against the values they relate: a growth rate vs this year's and the prior
year's value, a percentage-point change vs two stated shares (or growth rates), a share vs its
part and its whole.

A rate is checked by interval arithmetic: every shown value stands for an interval of half its
last decimal, so the rate the values allow is an interval too. The rate is consistent when the
exact quotient rounds to it, rounding-level when the intervals meet, a contradiction otherwise.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from tradekg.loaders.subjects import flow_words

from .audit_findings import Finding, Statement, about, statement
from .audit_numbers import (
    AUDITED_FLOWS,
    CANNOT_CHECK,
    CONSISTENT,
    CONTRADICTION,
    ROUNDING,
    Figure,
    nearest,
    prior_period,
    subject_key,
)

_BASE_YEAR = re.compile(r"(?:较|比)(\d{4})年")
_PRIOR = re.compile(r"上年|去年|上一年|前一年|同期")
_SCOPE = re.compile(r"^(?:全球|世界|全国|中国|我国)")
Key = tuple[object, ...]


def what(figure: Figure) -> Key:
    """Subject, sector, area, partner and flow: what a value, rate or share is about."""
    r = figure.record
    return (subject_key(r), r.sector, r.area, r.partner, r.flow)


class Index:
    """Figures by what they are about, measure and period, for looking up related figures."""

    def __init__(self, figures: list[Figure]) -> None:
        self.by: dict[Key, list[Figure]] = defaultdict(list)
        for f in figures:
            if not f.approximate:
                self.by[(*what(f), f.record.measure, f.record.period)].append(f)

    def beside(self, rate: Figure, measure: str) -> Figure | None:
        """The figure of ``measure`` stated just before ``rate`` on its line."""
        found = self.by.get((*what(rate), measure, rate.record.period), [])
        before = [f for f in found if f.line == rate.line and f.record.start < rate.record.start]
        return max(before, key=lambda f: f.record.start) if before else None

    def at(self, like: Figure, period: str, unit: str | None, of: str) -> list[Figure]:
        """Figures about what ``like`` is about, of its measure, in ``period``, in base
        ``unit`` (any when None) and a share of ``of``."""
        found = self.by.get((*what(like), like.record.measure, period), [])
        return [
            f for f in found if unit in (None, f.record.unit_normalized) and f.record.of_zh == of
        ]


def growth_checks(figures: list[Figure], index: Index) -> Iterator[Finding]:
    """Each growth rate vs the value beside it and the prior year's value of the same thing."""
    for rate in figures:
        r = rate.record
        if r.measure != "yoy_growth_pct" or rate.approximate or r.flow not in AUDITED_FLOWS:
            continue
        prior = prior_period(r.period)
        if r.flow == "balance" or prior is None:
            continue
        current = index.beside(rate, "value")
        if current is None:
            yield _unchecked("growth", rate, "no value of this quantity stands beside the rate")
            continue
        before = index.at(current, prior, current.record.unit_normalized, "")
        if not before:
            yield _unchecked("growth", rate, f"the {prior} value is not stated", current)
            continue
        base = nearest(before, rate.line)
        assert base is not None
        yield _growth(rate, current, base)


def _growth(rate: Figure, current: Figure, base: Figure) -> Finding:
    exact = (current.value / base.value - 1) * 100 if base.value else float("inf")
    low = ((current.value - current.half) / (base.value + base.half) - 1) * 100
    high = ((current.value + current.half) / max(base.value - base.half, 1e-12) - 1) * 100
    arithmetic = (
        f"{current.shown()} (line {current.line}) / {base.shown()} (line {base.line}) − 1 = "
        f"{exact:.2f}% (values allow {low:.2f}…{high:.2f}%); stated {rate.shown()} "
        f"(line {rate.line})"
    )
    statements = (statement("rate", rate), statement("current", current), statement("prior", base))
    return _rate_finding("growth", rate, (exact, low, high), arithmetic, statements)


def pp_checks(figures: list[Figure], index: Index) -> Iterator[Finding]:
    """Each percentage-point change vs the two shares (or growth rates) it compares."""
    for change in figures:
        r = change.record
        if r.measure != "pp_change" or change.approximate or r.flow not in AUDITED_FLOWS:
            continue
        base_year = _BASE_YEAR.search(r.quote)
        if base_year:
            base_period: str | None = base_year.group(1)
        else:
            base_period = prior_period(r.period) if _PRIOR.search(r.quote) else None
        if base_period is None:
            reason = "the change is a gap to another figure, not a change on an earlier year"
            yield _unchecked("pp-change", change, reason)
            continue
        measure = "yoy_growth_pct" if "增速" in r.of_zh else "share_pct"
        current = index.beside(change, measure)
        if current is None:
            yield _unchecked("pp-change", change, f"no {measure} stands beside the change")
            continue
        before = index.at(current, base_period, None, current.record.of_zh)
        if not before:
            reason = f"the {base_period} {measure} is not stated"
            yield _unchecked("pp-change", change, reason, current)
            continue
        base = nearest(before, change.line)
        assert base is not None
        yield _pp(change, current, base)


def _pp(change: Figure, current: Figure, base: Figure) -> Finding:
    exact = current.value - base.value
    spread = current.half + base.half
    arithmetic = (
        f"{current.shown()} (line {current.line}) − {base.shown()} (line {base.line}) = "
        f"{exact:.2f} points; stated {change.shown()} (line {change.line})"
    )
    statements = (
        statement("change", change),
        statement("current", current),
        statement("earlier", base),
    )
    return _rate_finding(
        "pp-change", change, (exact, exact - spread, exact + spread), arithmetic, statements
    )


def share_checks(figures: list[Figure], index: Index) -> Iterator[Finding]:
    """Each share vs its part (stated beside it) and its whole (named by what it is of)."""
    for share in figures:
        r = share.record
        if r.measure != "share_pct" or share.approximate or r.flow not in AUDITED_FLOWS:
            continue
        if "\t" in r.quote or not r.of_zh:
            continue  # table shares are checked against their 合计 row
        part = index.beside(share, "value")
        if part is None:
            yield _unchecked("share", share, "no value of the part stands beside the share")
            continue
        whole = _whole(r.of_zh, share, part, figures)
        if whole is None:
            reason = f"the whole ({r.of_zh}) is not stated as a value before the share"
            yield _unchecked("share", share, reason, part)
            continue
        yield _share(share, part, whole)


def _whole(of: str, share: Figure, part: Figure, figures: list[Figure]) -> Figure | None:
    """The value figure that states the whole a share is of (``全国服务进出口`` → China's
    services total): named by the words before its flow word and the flow word itself, and
    stated last before the share (the report names a whole before it divides it)."""
    flows = flow_words(of)
    if not flows:
        return None
    start, _, flow = flows[-1]
    core = _SCOPE.sub("", of[:start]).strip()
    area = "WORLD" if re.match("全球|世界", of) else "CN"
    period, unit = part.record.period, part.record.unit_normalized
    wholes = [
        f
        for f in figures
        if f.record.measure == "value"
        and not f.approximate
        and (f.record.flow, f.record.period, f.record.area) == (flow, period, area)
        and f.record.partner is None
        and f.record.unit_normalized == unit
        and _names(f, core, share.line)
        and f is not part
        and (f.line, f.record.start) < (share.line, share.record.start)
    ]
    return max(wholes, key=lambda f: (f.line, f.record.start)) if wholes else None


def _names(figure: Figure, core: str, line: int) -> bool:
    """Whether a figure's subject is the whole ``core`` names: the same words, or (on the
    share's own line) words ending with them (中国企业承接离岸ITO for ITO)."""
    subject, core = subject_key(figure.record).removesuffix("贸易"), core.removesuffix("贸易")
    return bool(core) and (subject == core or (figure.line == line and subject.endswith(core)))


def _share(share: Figure, part: Figure, whole: Figure) -> Finding:
    exact = part.value / whole.value * 100
    low = (part.value - part.half) / (whole.value + whole.half) * 100
    high = (part.value + part.half) / max(whole.value - whole.half, 1e-12) * 100
    arithmetic = (
        f"{part.shown()} (line {part.line}) / {whole.shown()} (line {whole.line}) = "
        f"{exact:.2f}% (values allow {low:.2f}…{high:.2f}%); stated {share.shown()} "
        f"(line {share.line})"
    )
    statements = (statement("share", share), statement("part", part), statement("whole", whole))
    return _rate_finding("share", share, (exact, low, high), arithmetic, statements)


def _rate_finding(
    relation: str,
    stated: Figure,
    computed: tuple[float, float, float],
    arithmetic: str,
    statements: tuple[Statement, ...],
) -> Finding:
    exact, low, high = computed
    value, half = stated.value, stated.half
    difference = exact - value
    if abs(difference) <= half + 1e-9:
        severity = CONSISTENT
    elif low - 1e-9 <= value + half and value - half <= high + 1e-9:
        severity = ROUNDING
    else:
        severity = CONTRADICTION
    tolerance = max(high - exact, exact - low) + half
    return Finding(relation, severity, about(stated), arithmetic, statements, difference, tolerance)


def _unchecked(relation: str, rate: Figure, reason: str, *others: Figure) -> Finding:
    statements = (statement("stated", rate), *(statement("related", f) for f in others))
    arithmetic = f"{rate.shown()} (line {rate.line}): {reason}"
    return Finding(relation, CANNOT_CHECK, about(rate), arithmetic, statements)
