"""Pairing numbers with names listed elsewhere in their sentence.

``A、B和C…分别增长x%、y%和z%`` gives x to A, y to B, z to C; without a list, ``分别`` pairs with the
subjects of the numbers before it, or with the years of a range (``2021-2022年…分别增长``). A
structure ratio (``ITO、BPO、KPO执行额比例为40.3：17.6：42.1``) names its parts the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .measures import Reading
from .numbers import Quantity
from .periods import PeriodMention
from .subjects import enumeration


@dataclass
class Draft:
    """One number of a sentence while its reading is being settled."""

    quantity: Quantity
    reading: Reading
    subject: str
    flow: str
    period: str
    quote_start: int
    explicit: bool


def pair_respectively(
    text: str, start: int, drafts: list[Draft], spans: list[PeriodMention]
) -> None:
    """Give the numbers after 分别 the names (or years) listed before it, in order."""
    for marker in re.finditer("分别", text[start : drafts[-1].quantity.start if drafts else start]):
        at = start + marker.start()
        group = _run_after(text, at, drafts)
        if len(group) < 2:
            continue
        names = enumeration(text[start:at], len(group))
        earlier = [d for d in drafts if d.quantity.end <= at and d.explicit]
        ranges = [p for p in spans if p.kind == "range" and p.end <= at]
        for i, draft in enumerate(group):
            if names:
                draft.subject = names[i]
            elif len(earlier) >= len(group):
                source = earlier[-len(group) + i]
                draft.subject, draft.flow = source.subject, source.flow
            elif ranges and _range_years(ranges[-1]) == len(group):
                draft.period = str(int(ranges[-1].first_year) + i)


def pair_parts(text: str, start: int, drafts: list[Draft]) -> None:
    """Name the parts of a structure ratio (``ITO、BPO、KPO…比例为40.3：17.6：42.1``) in order."""
    runs: list[list[Draft]] = []
    for draft in drafts:
        if draft.quantity.kind != "part":
            continue
        joined = runs and re.fullmatch(
            r"[：:]", text[runs[-1][-1].quantity.end : draft.quantity.start]
        )
        if joined:
            runs[-1].append(draft)
        else:
            runs.append([draft])
    for run in runs:
        names = enumeration(text[start : run[0].quantity.start], len(run))
        for draft, name in zip(run, names or [], strict=False):
            draft.subject = name


def _run_after(text: str, at: int, drafts: list[Draft]) -> list[Draft]:
    """The numbers listed right after position ``at`` (joined only by 、 和 及 与)."""
    group: list[Draft] = []
    for draft in drafts:
        if draft.quantity.start < at:
            continue
        if group and not re.fullmatch(
            r"[、，,和及与\s]*(?:同比)?(?:增长|下降|减少|提高|降低|上升)?",
            text[group[-1].quantity.end : draft.quantity.start],
        ):
            break
        if not group and not re.fullmatch(r"分别[^，；。]{0,12}", text[at : draft.quantity.start]):
            break
        group.append(draft)
    return group


def _range_years(span: PeriodMention) -> int:
    first, _, last = span.period.partition("-")
    return int(last) - int(first) + 1 if last.isdigit() else 0
