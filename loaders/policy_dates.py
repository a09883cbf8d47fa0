"""When a document was issued, as the text around its title says.

The date is the nearest time written before the title in its sentence: ``2023年8月，…印发《…》``
→ 2023-08, ``2022年发布的《…》`` → 2022, a bare ``2月，`` takes the year the text last named.
A span (``2021-2023年``) or a starting point (``2023年以来``) dates nothing. A sentence with no
time at all takes the last year named earlier in its paragraph (``成功举办2023年服贸会。…举办《…》``).
"""

from __future__ import annotations

import re

_TIME = re.compile(
    r"(?P<span>\d{4}\s*[-—–至]\s*\d{4}\s*年)"
    r"|(?P<year>\d{4})\s*年(?!版|度)(?P<since>以来)?"
    r"(?:\s*(?P<month>\d{1,2})\s*月)?(?:\s*(?P<day>\d{1,2})\s*日)?"
    r"|(?<![\d年])(?P<bare>\d{1,2})\s*月"
    r"|(?P<vague>近年来|近些年|截至目前|目前)"
)
_YEAR = re.compile(r"(\d{4})\s*年(?!版|度|以来)")
_OPENING = re.compile(
    r"(?:^|[。！？；])\s*(?:[^\d，。]{0,4})?(\d{4})\s*年(?!版|度|以来)(?:\s*\d{1,2}\s*月)?[，,]"
)


def date_before(text: str, year: int | None) -> str | None:
    """The date of the last time expression in ``text``; "" when it dates nothing (a span, a
    starting point); None when ``text`` holds no time at all. ``year`` dates a bare month.

    >>> date_before("2023年10月，工业和信息化部等六部门关于印发", None)
    '2023-10'
    >>> date_before("2月，中共中央、国务院印发", 2021)
    '2021-02'
    >>> date_before("2021-2023年，国务院办公厅印发", 2023)
    ''
    >>> date_before("先后于2021年9月和11月正式申请加入", 2024)
    '2021-11'
    """
    hits = list(_TIME.finditer(text))
    if not hits:
        return None
    hit = hits[-1]
    if hit["span"] or hit["since"] or hit["vague"]:
        return ""
    if hit["year"]:
        return f"{hit['year']}-{int(hit['month']):02d}" if hit["month"] else hit["year"]
    own = [h["year"] for h in hits if h["year"]]
    in_sentence = int(own[-1]) if own else year
    return f"{in_sentence}-{int(hit['bare']):02d}" if in_sentence else ""


def last_year(text: str) -> int | None:
    """The last calendar year ``text`` names (not a span start, an edition or a starting point).

    >>> last_year("成功举办2023年服贸会，2016-2023年")
    2023
    """
    years = [int(m.group(1)) for m in _YEAR.finditer(text) if not _in_span(text, m.start())]
    return years[-1] if years else None


def opening_year(text: str) -> int | None:
    """The last year that opens a sentence of ``text`` (``2023年1月，…``): the year a list of
    dated events is in, which a later bare month (``2月，``) belongs to.

    >>> opening_year("2023年1月，某部印发《甲》，提出到2025年翻番。")
    2023
    """
    years = [int(m.group(1)) for m in _OPENING.finditer(text)]
    return years[-1] if years else None


def _in_span(text: str, at: int) -> bool:
    return bool(re.search(r"\d{4}\s*[-—–至]\s*$", text[max(0, at - 8) : at]))
