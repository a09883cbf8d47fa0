"""Checks of figures that must add up: restatements, exports + imports vs total, exports −
imports vs balance.

Each check groups figures by what they measure (``audit_numbers.quantity_key``) and compares
the displayed numbers within the rounding they show. The same quantity stated twice must be
stated alike: its tolerance is nil when both show the same decimals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from .audit_findings import Finding, about, in_unit, statement, worst
from .audit_numbers import (
    AUDITED_FLOWS,
    CANNOT_CHECK,
    CONSISTENT,
    Figure,
    nearest,
    place_key,
    quantity_key,
    verdict,
)

RESTATED_MEASURES = frozenset({"value", "yoy_growth_pct", "share_pct", "pp_change"})


def restatements(figures: list[Figure]) -> Iterator[Finding]:
    """The same quantity stated on several lines: do the statements agree?"""
    groups: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for f in figures:
        r = f.record
        if r.flow in AUDITED_FLOWS and r.measure in RESTATED_MEASURES and not f.approximate:
            groups[quantity_key(r)].append(f)
    for group in groups.values():
        if len({f.line for f in group}) > 1:
            yield _restatement(group)


def _restatement(group: list[Figure]) -> Finding:
    by_line: dict[int, set[float]] = defaultdict(set)
    for f in group:
        by_line[f.line].add(round(f.value, 6))
    statements = tuple(statement("stated", f) for f in group)
    if any(len(values) > 1 for values in by_line.values()):
        return Finding(
            "restatement",
            CANNOT_CHECK,
            about(group[0]),
            "one line states this quantity with different values, so the statements "
            "cannot be told apart",
            statements,
        )
    first = group[0]
    severities, widest = [CONSISTENT], (0.0, 0.0)
    for other in group[1:]:
        coarse = max(first, other, key=lambda f: f.half)
        tolerance = 0.0 if abs(first.half - other.half) <= 1e-9 * coarse.half else coarse.half
        difference = other.value - first.value
        severities.append(verdict(difference, tolerance, first.value))
        widest = max(widest, (difference, tolerance), key=lambda d: abs(d[0]))
    shown = " vs ".join(f"{f.shown()} (line {f.line})" for f in group)
    rule = (
        "the same quantity shown to the same decimals must be equal"
        if widest[1] == 0
        else f"rounding of the coarser figure allows {in_unit(widest[1], first)}"
    )
    arithmetic = f"{shown}: differ by {in_unit(abs(widest[0]), first)}; {rule}"
    return Finding("restatement", worst(severities), about(first), arithmetic, statements, *widest)


def flow_sums(figures: list[Figure]) -> Iterator[Finding]:
    """Exports + imports vs the stated total, and exports − imports vs the stated balance."""
    groups: dict[tuple[object, ...], dict[str, list[Figure]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for f in figures:
        r = f.record
        if r.measure == "value" and not f.approximate and r.flow in AUDITED_FLOWS:
            groups[(*place_key(r), r.period, r.of_zh)][r.flow].append(f)
    seen: set[tuple[tuple[int, int], ...]] = set()
    for flows in groups.values():
        for kind, sign in (("total", 1.0), ("balance", -1.0)):
            for stated in flows.get(kind, []):
                exports = nearest(flows.get("export", []), stated.line)
                imports = nearest(flows.get("import", []), stated.line)
                if exports is None or imports is None:
                    continue
                key = tuple(sorted((f.line, f.record.start) for f in (stated, exports, imports)))
                if key in seen:
                    continue
                seen.add(key)
                if _ambiguous(flows, (stated, exports, imports)):
                    reason = "a line states several figures of one flow (other years?)"
                    yield _unchecked_sum(kind, (stated, exports, imports), reason)
                else:
                    yield _flow_sum(kind, sign, stated, exports, imports)


def _flow_sum(kind: str, sign: float, stated: Figure, exports: Figure, imports: Figure) -> Finding:
    computed = exports.value + sign * imports.value
    difference = computed - stated.value
    tolerance = exports.half + imports.half + stated.half
    operator = "+" if sign > 0 else "−"
    arithmetic = (
        f"exports {exports.shown()} (line {exports.line}) {operator} imports {imports.shown()} "
        f"(line {imports.line}) = {in_unit(computed, stated)}; stated {kind} {stated.shown()} "
        f"(line {stated.line}); difference {in_unit(difference, stated)}, rounding allows "
        f"{in_unit(tolerance, stated)}"
    )
    return Finding(
        "flows-sum" if kind == "total" else "balance",
        verdict(difference, tolerance, stated.value),
        about(stated, flow=False),
        arithmetic,
        (statement(kind, stated), statement("export", exports), statement("import", imports)),
        difference,
        tolerance,
    )


def _ambiguous(flows: dict[str, list[Figure]], chosen: tuple[Figure, ...]) -> bool:
    """Whether a chosen figure shares its line with another figure of its flow: which of
    them goes with which total cannot be told (a table with a column per year)."""
    return any(sum(f.line == pick.line for f in flows[pick.record.flow]) > 1 for pick in chosen)


def _unchecked_sum(kind: str, chosen: tuple[Figure, ...], reason: str) -> Finding:
    stated = chosen[0]
    roles = (kind, "export", "import")
    return Finding(
        "flows-sum" if kind == "total" else "balance",
        CANNOT_CHECK,
        about(stated, flow=False),
        f"{stated.shown()} (line {stated.line}): {reason}",
        tuple(statement(role, f) for role, f in zip(roles, chosen, strict=True)),
    )
