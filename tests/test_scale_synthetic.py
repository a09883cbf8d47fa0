"""The synthetic editions of the scale benchmark (bench/scale.py) are reports the loaders read
like the original: same facts, every year moved, no document with two dates across editions."""

from __future__ import annotations

import importlib
import sys
from collections import Counter
from pathlib import Path

from tradekg.loaders.observations import extract_observations
from tradekg.loaders.policies import extract_policies
from tradekg.loaders.structure import parse_report

_BENCH = str(Path(__file__).resolve().parent.parent / "bench")
sys.path.insert(0, _BENCH)  # for this import only: bench/ holds scripts, not a package
try:
    scale = importlib.import_module("scale")
finally:
    sys.path.remove(_BENCH)


def _facts(text: str) -> tuple[int, list, list]:
    year = parse_report(text, source="synthetic").year
    return year, extract_observations(text, year), extract_policies(text, year)


def test_an_edition_moves_every_year_and_keeps_every_fact(report_text: str) -> None:
    year, observations, policies = _facts(report_text)
    moved_year, moved_observations, moved_policies = _facts(
        scale.synthetic_edition(report_text, 3, seed=3)
    )
    assert moved_year == year + 3
    assert len(moved_observations) == len(observations)
    assert len(moved_policies) == len(policies)
    periods = Counter(o.period[:4] for o in observations if o.period[:4].isdigit())
    moved = Counter(o.period[:4] for o in moved_observations if o.period[:4].isdigit())
    assert moved == Counter({str(int(y) + 3): n for y, n in periods.items()})
    for before, after in zip(policies, moved_policies, strict=True):
        assert (after.type, after.doc_class, after.issuers_zh) == (
            before.type,
            before.doc_class,
            before.issuers_zh,
        )
        if before.date:
            assert after.date == str(int(before.date[:4]) + 3) + before.date[4:]


def test_no_document_has_two_dates_across_editions(report_text: str) -> None:
    dates: dict[str, set[str]] = {}
    for offset in range(3):
        _, _, policies = _facts(scale.synthetic_edition(report_text, offset, seed=offset))
        for policy in policies:
            dates.setdefault(policy.title_zh, set()).add(policy.date)
    assert {t: d for t, d in dates.items() if len(d) > 1} == {}


def test_edition_zero_is_the_report(report_text: str) -> None:
    assert scale.synthetic_edition(report_text, 0, seed=0) == report_text
