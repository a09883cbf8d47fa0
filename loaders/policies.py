"""Documents the report names in 《》: policies, agreements and publications, with issuers,
dates, document numbers and every mention's evidence.

One record per document: a title mentioned several times is one record with several mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import gazetteer
from .doctypes import classify
from .issuers import issuers_before, issuers_in_title
from .layout import Paragraph, paragraphs
from .periods import detect_report_year
from .policy_dates import date_before, last_year, opening_year
from .vocabularies import agencies, agreements, general_names

_TITLE = re.compile(r"《(?P<title>[^《》]{1,150})》")
_DOC_NO = re.compile(r"^[（(](?P<no>[^（）()]{0,30}〔\d{4}〕\s*\d+\s*号)[）)]")
_SENTENCE_END = re.compile(r"[。！？!?]")
_KEY_NOISE = re.compile(r"[\s“”\"'‘’《》·、，,。：:；;（）()\-—–]")


@dataclass(frozen=True)
class Names:
    """Sectors, regions and agreements a piece of text names (vocabulary keys), found with the
    gazetteer's longest-first matching. China, the world and services in general are left out:
    every sentence of the report is about them."""

    sectors: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()


def names_in(text: str) -> Names:
    """The vocabulary entries ``text`` names.

    >>> names_in("支持北京市服务业扩大开放综合示范区开展电信、计算机和信息服务试点").regions
    ('CN-BJ',)
    """
    text = _without_agencies(text)
    general_sectors, general_regions = general_names()
    sectors = [code for _, _, code in gazetteer.sectors().find(text) if code not in general_sectors]
    places = [code for _, _, code in gazetteer.regions().find(text) if code not in general_regions]
    deals = [key for _, _, key in agreements().find(text)]
    return Names(*(tuple(dict.fromkeys(found)) for found in (sectors, places, deals)))


def _without_agencies(text: str) -> str:
    """The text with agency names blanked: 中国服务外包研究中心 names a body, not a sector."""
    chars = list(text)
    for start, end, _ in agencies().find(text):
        chars[start:end] = "□" * (end - start)
    return "".join(chars)


@dataclass(frozen=True)
class Mention:
    """Where a title stands: its line, the offsets of the quote on that line, the quote."""

    line: int
    start: int
    end: int
    quote: str
    names: Names = field(default_factory=lambda: Names())


@dataclass
class Policy:
    """A document named in 《》 and what the text says of it (DESIGN.md's ``policy`` record)."""

    title_zh: str
    issuers_zh: list[str]
    issuer_count: int | None
    date: str
    doc_no: str
    doc_class: str
    type: str
    agreement: str | None
    mentions: list[Mention] = field(default_factory=list)
    title_names: Names = field(default_factory=lambda: Names())

    @property
    def key(self) -> str:
        return title_key(self.title_zh)

    def to_json(self) -> dict[str, Any]:
        first = self.mentions[0]
        return {
            "kind": "policy",
            "line": first.line,
            "quote": first.quote,
            "title_zh": self.title_zh,
            "issuers_zh": list(self.issuers_zh),
            "issuer_count": self.issuer_count,
            "date": self.date,
            "doc_no": self.doc_no,
            "doc_class": self.doc_class,
            "type": self.type,
            "agreement": self.agreement,
            "mentions": [
                {"line": m.line, "start": m.start, "quote": m.quote} for m in self.mentions
            ],
        }


def title_key(title: str) -> str:
    """A title folded so that spellings of one document meet (spaces, quotes, punctuation).

    >>> title_key("“数据要素×”三年行动计划（2024—2026 年）")
    '数据要素×三年行动计划20242026年'
    """
    return _KEY_NOISE.sub("", title)


def extract_policies(text: str, year: int | None = None) -> list[Policy]:
    """Every document named in 《》 in the report text, merged by title, in order of first mention."""
    lines = text.split("\n")
    context_year = year or detect_report_year(text)
    merged: dict[str, Policy] = {}
    for paragraph in paragraphs(lines):
        for policy in _paragraph_policies(paragraph, context_year):
            _merge(merged, policy)
        context_year = opening_year(paragraph.text) or context_year
    return list(merged.values())


_CONJOINED = re.compile(r"^\s*(?:[（(][^（）()]*[）)])?\s*(?:和|及|以及|与|、)?\s*$")


def _paragraph_policies(paragraph: Paragraph, year: int | None) -> list[Policy]:
    text = paragraph.text
    titles = list(_TITLE.finditer(text))
    found: list[Policy] = []
    for index, match in enumerate(titles):
        start, end = _sentence_bounds(text, match.start())
        masked = _mask(text, titles, keep=match)[start:end]
        at = match.start() - start
        policy = _policy(paragraph, match, masked, at, year, text[:start])
        previous = titles[index - 1] if index else None
        if previous and _CONJOINED.match(text[previous.end() : match.start()]):
            _share_context(found[-1], policy)
        found.append(policy)
    return found


def _share_context(first: Policy, second: Policy) -> None:
    """``A印发《甲》《乙》和《丙》``: titles joined by 和/、 share their issuers and date."""
    second.issuers_zh = list(dict.fromkeys([*second.issuers_zh, *first.issuers_zh]))
    second.issuer_count = second.issuer_count or first.issuer_count
    second.date = first.date


def _policy(
    paragraph: Paragraph,
    match: re.Match[str],
    sentence: str,
    at: int,
    year: int | None,
    before: str,
) -> Policy:
    title = match.group("title").strip()
    after = paragraph.text[match.end() :]
    doc_no = _DOC_NO.match(after)
    by_text, by_title = issuers_before(sentence, at), issuers_in_title(title)
    names = list(dict.fromkeys([*by_title.names, *by_text.names]))
    foreign = by_text.foreign or by_title.foreign
    kind = classify(title, after.lstrip("（(）)"), foreign)
    date = date_before(sentence[:at], year)
    if date is None:
        # A sentence with no time: a policy takes the year its paragraph last named; what a
        # publication says is not dated by the events around it.
        publication = kind.doc_class == "publication"
        date = "" if publication else str(last_year(before) or "")
    agreement = agreements().get(title)
    if agreement is not None:
        # The sentence dates China's steps (applied, in force), not the agreement itself.
        kind, date = classify("协定"), ""
    return Policy(
        title_zh=title,
        issuers_zh=names,
        issuer_count=by_text.count or by_title.count,
        date=date,
        doc_no=re.sub(r"\s+", "", doc_no.group("no")) if doc_no else "",
        doc_class=kind.doc_class,
        type=kind.notation,
        agreement=agreement,
        mentions=[_mention(paragraph, match, doc_no.end() if doc_no else 0, names_in(sentence))],
        title_names=names_in(title),
    )


def _sentence_bounds(text: str, at: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    start = starts[-1] if starts else 0
    end_match = _SENTENCE_END.search(text, at)
    return start, end_match.end() if end_match else len(text)


def _mask(text: str, titles: list[re.Match[str]], keep: re.Match[str]) -> str:
    """The text with every other title's words blanked, so their dates and names don't count."""
    chars = list(text)
    for match in titles:
        if match is keep:
            continue
        for i in range(match.start("title"), match.end("title")):
            chars[i] = "□"
    return "".join(chars)


def _mention(
    paragraph: Paragraph, match: re.Match[str], doc_no_length: int, names: Names
) -> Mention:
    """The title (and its document number) as it stands on the line where 《 is."""
    line, column = paragraph.locate(match.start())
    _, line_end = paragraph.line_span(match.start())
    end = min(match.end() + doc_no_length, line_end)
    quote = paragraph.text[match.start() : end]
    return Mention(line, column, column + len(quote), quote, names)


def _merge(merged: dict[str, Policy], policy: Policy) -> None:
    known = merged.get(policy.key)
    if known is None:
        merged[policy.key] = policy
        return
    known.mentions.extend(policy.mentions)
    known.issuers_zh = list(dict.fromkeys([*known.issuers_zh, *policy.issuers_zh]))
    known.issuer_count = known.issuer_count or policy.issuer_count
    known.date = known.date or policy.date
    known.doc_no = known.doc_no or policy.doc_no
