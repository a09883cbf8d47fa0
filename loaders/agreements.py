"""Trade agreements the report names, and what it says of China's part in them.

Plurilateral agreements (RCEP, CPTPP, DEPA, CEPA …) are found by their names and abbreviations
in ``agreements.ttl``; bilateral free-trade agreements by their pattern (``中国-新西兰升级自贸协定``,
``与厄瓜多尔、尼加拉瓜签署自贸协定``) with the partner from the region vocabulary. China's
status comes from the words of the sentence (申请加入, 生效, 签署, 升级, 谈判) with its date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .gazetteer import regions
from .layout import Paragraph, paragraphs
from .vocabularies import agreement_statuses, agreements, home_region

_FTA_WORD = r"(?:自贸协定|自由贸易协定)"
_FTA_LIST = re.compile(
    r"(?:中国\s*[-—－]\s*[^、，。；]{1,12}?(?:、|和|及))*中国\s*[-—－]\s*[^、，。；]{1,12}?"
    + _FTA_WORD
)
_FTA_ITEM = re.compile(
    r"中国\s*[-—－]\s*(?P<partner>[^、，。；和及]{1,12}?)(?=升级|、|和|及|自贸|自由贸易)"
)
_WITH_LIST = re.compile(
    r"与(?P<list>[^，。；]{2,60}?)(?P<verb>签署|升级|谈判|完成)[^，。；]{0,12}?" + _FTA_WORD
)
_DATE = re.compile(
    r"(?P<y>\d{4})\s*年(?:\s*(?P<m>\d{1,2})\s*月)?(?:\s*(?P<d>\d{1,2})\s*日)?|(?<![\d年])(?P<bm>\d{1,2})\s*月"
)
_SENTENCE = re.compile(r"[^。！？]*[。！？]?")


@dataclass(frozen=True)
class AgreementMention:
    line: int
    start: int
    end: int
    quote: str


@dataclass
class Agreement:
    """An agreement, its China status with date where the text gives them, and its mentions."""

    key: str
    name_zh: str
    partner: str | None = None
    status: str | None = None
    status_date: str = ""
    mentions: list[AgreementMention] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        first = self.mentions[0]
        return {
            "kind": "agreement",
            "line": first.line,
            "quote": first.quote,
            "key": self.key,
            "name_zh": self.name_zh,
            "partner": self.partner,
            "status": self.status,
            "status_date": self.status_date,
            "mentions": [
                {"line": m.line, "start": m.start, "quote": m.quote} for m in self.mentions
            ],
        }


def extract_agreements(text: str) -> list[Agreement]:
    """Every agreement the text names, merged by key, in order of first mention."""
    found: dict[str, Agreement] = {}
    for paragraph in paragraphs(text.split("\n")):
        for sentence in _SENTENCE.finditer(paragraph.text):
            if sentence.group().strip():
                _read_sentence(paragraph, sentence.start(), sentence.group(), found)
    return list(found.values())


Hit = tuple[int, int, str, str, str | None, str | None]  # start, end, key, name, partner, status


def _read_sentence(
    paragraph: Paragraph, offset: int, sentence: str, found: dict[str, Agreement]
) -> None:
    named = _named(sentence)
    statuses = _statuses(sentence, [h[2] for h in named])
    hits = sorted(named + _bilateral(sentence))
    for start, end, key, name, partner, own_status in hits:
        agreement = found.setdefault(key, Agreement(key, name, partner))
        agreement.mentions.append(_mention(paragraph, offset + start, offset + end))
        status, date = statuses.get(
            key, (own_status, _year_of(sentence[:start]) if own_status else "")
        )
        if status and (agreement.status is None or (date and not agreement.status_date)):
            agreement.status, agreement.status_date = status, date


def _named(sentence: str) -> list[Hit]:
    return [(s, e, key, sentence[s:e], None, None) for s, e, key in agreements().find(sentence)]


def _bilateral(sentence: str) -> list[Hit]:
    """``中国-X(升级)自贸协定`` lists and ``与A、B签署自贸协定``: one agreement per partner."""
    hits: list[Hit] = []
    for listing in _FTA_LIST.finditer(sentence):
        for match in _FTA_ITEM.finditer(listing.group()):
            code = regions().codes.get(match.group("partner"))
            if code and code != home_region():
                at = listing.start() + match.start()
                upgraded = listing.group()[match.end() :].startswith("升级")
                name = f"中国-{match.group('partner')}自贸协定"
                hits.append(
                    (
                        at,
                        at + len(match.group()),
                        f"FTA-{home_region()}-{code}",
                        name,
                        code,
                        "upgraded" if upgraded else None,
                    )
                )
    for match in _WITH_LIST.finditer(sentence):
        status = _bilateral_status(
            sentence[match.start("verb") : _clause_end(sentence, match.end())]
        )
        for _, _, code in regions().find(match.group("list")):
            if code != home_region():
                name = f"中国-{regions().preferred.get(code, code)}自贸协定"
                hits.append(
                    (match.start(), match.end(), f"FTA-{home_region()}-{code}", name, code, status)
                )
    return hits


def _bilateral_status(words: str) -> str:
    if "谈判" in words or "磋商" in words:
        return "negotiating"
    return "upgraded" if "升级" in words else "signed"


def _clause_end(sentence: str, at: int) -> int:
    match = re.compile(r"[，。；]").search(sentence, at)
    return match.start() if match else len(sentence)


def _year_of(text: str) -> str:
    dates = _dates(text)
    return dates[-1] if dates else ""


def _statuses(sentence: str, keys: list[str]) -> dict[str, tuple[str, str]]:
    """China's status in the sentence's agreements, with dates paired in order when the sentence
    gives one per agreement (``先后于2021年9月和11月申请加入《甲》和《乙》``)."""
    words = agreement_statuses().find(sentence)
    if not words or not keys:
        return {}
    start, _, status = words[0]
    dates = _dates(sentence[:start])
    unique = list(dict.fromkeys(keys))
    if len(dates) == len(unique):
        return {key: (status, date) for key, date in zip(unique, dates, strict=True)}
    return {key: (status, dates[-1] if len(dates) == 1 else "") for key in unique}


def _dates(text: str) -> list[str]:
    dates, year = [], None
    for match in _DATE.finditer(text):
        if match["y"]:
            year = match["y"]
            parts = [match["y"]] + [f"{int(match[k]):02d}" for k in ("m", "d") if match[k]]
            dates.append("-".join(parts))
        elif year:
            dates.append(f"{year}-{int(match['bm']):02d}")
    return dates


def _mention(paragraph: Paragraph, start: int, end: int) -> AgreementMention:
    line, column = paragraph.locate(start)
    _, line_end = paragraph.line_span(start)
    quote = paragraph.text[start : min(end, line_end)]
    return AgreementMention(line, column, column + len(quote), quote)
