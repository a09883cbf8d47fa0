"""Periods as the report writes them, resolved to the record form.

``2023年`` -> "2023"; ``截至2023年底`` / ``截至2023年末`` / ``截至2023年12月`` -> "2023-12-31" (a stock);
``2016-2023年`` / ``2016—2023年`` / ``2024年至2032年`` -> "2016-2023"; ``2024年4月`` -> "2024-04";
``自2013年以来`` -> "2013-<report year>"; ``上年`` -> the year before the report year, ``上年末``
-> its last day. A year written after 较/比/与/相较 is the base of a comparison, not the period of
the number, and is marked so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

YEAR = r"(?:19|20)\d{2}"
_COMPARISON = re.compile(r"(?:较|比|与|相较|相比|同比|低于|高于)\s*$")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("stock_month", re.compile(rf"截至\s*(?P<y>{YEAR})\s*年\s*(?P<m>\d{{1,2}})\s*月(?:底|末)?")),
    ("stock", re.compile(rf"截至\s*(?P<y>{YEAR})\s*年(?:\s*(?:底|末|12\s*月(?:底|末|31日)?))?")),
    ("since", re.compile(rf"自\s*(?P<y>{YEAR})\s*年(?:\s*\d{{1,2}}\s*月)?(?:开始)?以来")),
    ("range", re.compile(rf"(?P<y>{YEAR})\s*年?\s*[-—–~～至到]\s*(?P<y2>{YEAR})\s*年")),
    ("month", re.compile(rf"(?P<y>{YEAR})\s*年\s*(?P<m>\d{{1,2}})\s*月")),
    ("year", re.compile(rf"(?P<y>{YEAR})\s*年(?!版|度报告)")),
    ("last_year_end", re.compile(r"上年(?:末|底)")),
    ("last_year", re.compile(r"上年(?!末|底)")),
    ("year_end", re.compile(r"(?<![上今去])年(?:末|底)(?!\d)")),
)


@dataclass(frozen=True)
class PeriodMention:
    """A period written in the text at ``start:end``."""

    start: int
    end: int
    period: str  # "2023", "2016-2023", "2023-12-31", "2024-04"
    kind: str  # stock | stock_month | since | range | month | year | last_year | last_year_end | year_end
    comparison: bool  # written as the base of a comparison (较2022年, 比上年)
    of_value: bool  # followed by 的 and a number: the period of that number (比2021年的101.9亿元)

    @property
    def first_year(self) -> str:
        return self.period[:4]

    @property
    def last_year(self) -> str:
        return self.period.split("-")[1] if self.kind == "range" else self.period[:4]


def _resolve(kind: str, match: re.Match[str], report_year: int) -> str:
    groups = match.groupdict()
    y = groups.get("y")
    if kind == "stock":
        return f"{y}-12-31"
    if kind == "stock_month":
        month = int(groups["m"])
        return f"{y}-12-31" if month == 12 else f"{y}-{month:02d}"
    if kind == "since":
        return f"{y}-{report_year}"
    if kind == "range":
        return f"{y}-{groups['y2']}"
    if kind == "month":
        return f"{y}-{int(groups['m']):02d}"
    if kind == "last_year":
        return str(report_year - 1)
    if kind == "last_year_end":
        return f"{report_year - 1}-12-31"
    if kind == "year_end":
        return f"{report_year}-12-31"
    return str(y)


def find_periods(text: str, report_year: int) -> list[PeriodMention]:
    """Every period written in ``text``, earliest first, longest form winning at each place.

    >>> [m.period for m in find_periods("截至2023年底，2016—2023年，较2022年", 2023)]
    ['2023-12-31', '2016-2023', '2022']
    """
    taken: list[PeriodMention] = []
    covered: set[int] = set()
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if covered.intersection(range(match.start(), match.end())):
                continue
            before = text[max(0, match.start() - 4) : match.start()]
            after = text[match.end() : match.end() + 2]
            mention = PeriodMention(
                match.start(),
                match.end(),
                _resolve(kind, match, report_year),
                kind,
                bool(_COMPARISON.search(before)) or kind == "last_year",
                (after.startswith("的") and after[1:2].isdigit())
                or (kind == "last_year" and after[:1].isdigit()),
            )
            taken.append(mention)
            covered.update(range(match.start(), match.end()))
    return sorted(taken, key=lambda m: m.start)


def detect_report_year(text: str) -> int | None:
    """The edition's year: a year standing alone on a line of the title page, else the most
    frequent ``20xx年`` of the text.

    >>> detect_report_year("中国服务贸易发展报告\\n\\n2023\\n\\n目 录")
    2023
    """
    for line in text.split("\n")[:40]:
        if re.fullmatch(rf"\s*({YEAR})\s*", line):
            return int(line.strip())
    years = Counter(re.findall(rf"({YEAR})\s*年", text))
    return int(years.most_common(1)[0][0]) if years else None
