"""Numbers and their units as the report writes them: ``123.4亿美元``, ``4.9%``, ``1.1个百分点``,
``800余家``, ``14亿多``, ``三分之一``.

The units and magnitudes come from ``ontology/units.ttl`` (one source of truth): a displayed unit
is an optional magnitude (万, 亿, 万亿) followed by one unit symbol, and its value normalises to
the symbol's base unit by both multipliers. Qualifiers (超, 约, 近, 余, 多, 以上) stay out of the
value; they are reported beside it so callers can keep them in the quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rdflib.namespace import SKOS

from tradekg.ontology import TKG, load

#: Chinese digits as the report spells small numbers (第五, 三分之一).
ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
ZH_DIGITS.update({"八": 8, "九": 9})
ZH_NUMERAL = "[零一二两三四五六七八九十百]+"

#: Characters after a classifier that make it part of a noun (人口, 部门, 场景…) rather than a unit.
_NOUN_AFTER = {
    "人": "口员才民均们类工士力群气",
    "部": "门委署分",
    "场": "景所地",
    "家": "庭",
    "单": "位一独边价元",
    "次": "数",
}


@dataclass(frozen=True)
class UnitInfo:
    """One unit symbol of the vocabulary: its base unit, multiplier and kind."""

    symbol: str
    base: str
    multiplier: float
    kind: str  # money | percent | pp | times | count | quantity | ratio | duration


@dataclass(frozen=True)
class Quantity:
    """A number with its unit as displayed, found at ``start:end`` of the text it came from."""

    start: int
    end: int
    value: float
    unit: str  # as displayed, without qualifiers: "亿美元", "%", "万人", "亿"
    kind: str  # the unit symbol's kind, or "magnitude" for a bare 万/亿
    qualifier: str = ""  # 余, 多 … written inside the quantity


@dataclass(frozen=True)
class UnitTable:
    """The unit gazetteer: symbols (with spelling variants) and magnitudes."""

    symbols: dict[str, UnitInfo]  # every spelling -> its unit
    display: dict[str, str]  # every spelling -> the symbol displayed in records
    magnitudes: dict[str, float]
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def unit_table() -> UnitTable:
    """The unit gazetteer read from ``units.ttl`` (cached: the regex is built once)."""
    graph = load("units.ttl")
    symbols: dict[str, UnitInfo] = {}
    display: dict[str, str] = {}
    magnitudes: dict[str, float] = {}
    for concept in set(graph.subjects(TKG.multiplier, None)):
        symbol = str(graph.value(concept, SKOS.notation))
        multiplier = float(graph.value(concept, TKG.multiplier))
        base = graph.value(concept, TKG.baseUnit)
        if base is None:
            magnitudes[symbol] = multiplier
            continue
        info = UnitInfo(symbol, str(base), multiplier, str(graph.value(concept, TKG.unitKind)))
        for label in {symbol, *(str(a) for a in graph.objects(concept, SKOS.altLabel))}:
            symbols[label] = info
            display[label] = "元" if info.base == "CNY" and label != "元/人" else symbol
    return UnitTable(symbols, display, magnitudes, _quantity_pattern(symbols, magnitudes))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _quantity_pattern(symbols: dict[str, UnitInfo], magnitudes: dict[str, float]) -> re.Pattern:
    units = _alternation(symbols)
    mags = _alternation(magnitudes)
    return re.compile(
        r"(?<![A-Za-z0-9_.^{\-])(?P<num>\d+(?:\.\d+)?)(?![\d^}]|\.\d)"
        r"[ \u00a0]?(?P<q1>余|多)?(?P<mag>" + mags + r")?(?P<q2>余|多)?[ \u00a0]?"
        r"(?P<unit>" + units + r")?"
    )


def _unit_of(match: re.Match[str], text: str) -> tuple[str, int]:
    """The unit word a raw match really carries, and where the quantity ends.

    人 before 口/员… belongs to the noun (``42亿人口`` is 42亿 of 人口), so it is given back;
    so do 部 in 部门, 场 in 场景, 家 in 家庭.
    """
    unit, end = match["unit"] or "", match.end()
    if unit in _NOUN_AFTER and text[end : end + 1] and text[end] in _NOUN_AFTER[unit]:
        return "", match.start("unit")
    return unit, end


def _accept(match: re.Match[str], unit: str, end: int, text: str) -> bool:
    """Whether a raw match is a quantity rather than a year, an index or part of a code."""
    if not unit and not match["mag"]:
        return False
    if not unit and re.match(r"[A-Za-z]", text[end : end + 1]):
        return False
    return not (unit == "年" and (match["mag"] or float(match["num"]) >= 100))


def find_quantities(text: str) -> list[Quantity]:
    """Every number-with-unit in ``text``, in order; years, codes and bare numbers are skipped.

    >>> [(q.value, q.unit) for q in find_quantities("出口512.3亿美元，增长4.9%，超2400家")]
    [(512.3, '亿美元'), (4.9, '%'), (2400.0, '家')]
    """
    table = unit_table()
    found: list[Quantity] = []
    for match in table.pattern.finditer(text):
        unit_word, end = _unit_of(match, text)
        if not _accept(match, unit_word, end, text):
            continue
        mag = match["mag"] or ""
        info = table.symbols.get(unit_word)
        shown = mag + (table.display[unit_word] if unit_word else "")
        kind = info.kind if info else "magnitude"
        qualifier = (match["q1"] or "") + (match["q2"] or "")
        found.append(Quantity(match.start(), end, float(match["num"]), shown, kind, qualifier))
    return _borrow_range_units(found, text)


_RANGE_START = re.compile(r"(?<![\d.A-Za-z\-])(\d+(?:\.\d+)?)\s*[—\-~～至到]\s*$")


def _borrow_range_units(found: list[Quantity], text: str) -> list[Quantity]:
    """In ``6亿—10亿元`` or ``2—3项`` the first bound is written without the unit: give it the
    second's."""
    out = list(found)
    for quantity in found:
        bare = _RANGE_START.search(text, max(0, quantity.start - 12), quantity.start)
        if bare and quantity.kind != "duration" and float(bare.group(1)) < 1900:
            value = float(bare.group(1))
            out.append(Quantity(bare.start(1), bare.end(1), value, quantity.unit, quantity.kind))
    out.sort(key=lambda q: q.start)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        between = text[first.end : second.start]
        if first.kind == "magnitude" and re.fullmatch(r"[—\-~～至到]", between):
            mag = first.unit
            symbol = second.unit.removeprefix(mag) if second.unit.startswith(mag) else None
            if symbol:
                out[i] = Quantity(
                    first.start, first.end, first.value, second.unit, second.kind, first.qualifier
                )
    return out


def normalize(value: float, unit: str) -> tuple[float | None, str]:
    """The value in its base unit, and that unit's name: ``(512.3, "亿美元") -> (5.123e10, "USD")``.

    >>> normalize(2.5, "万人")
    (25000.0, 'persons')
    """
    table = unit_table()
    if unit in table.symbols:
        info = table.symbols[unit]
        return _round(value * info.multiplier), info.base
    for mag in sorted(table.magnitudes, key=len, reverse=True):
        if unit.startswith(mag):
            rest = unit[len(mag) :]
            found = table.symbols.get(rest)
            if found:
                return _round(value * table.magnitudes[mag] * found.multiplier), found.base
            if not rest:
                return _round(value * table.magnitudes[mag]), "count"
    if unit == "":
        return value, ""
    return None, ""


def _round(number: float) -> float:
    """Drop the binary noise of ``512.3 * 1e8`` so normalised values read as the report's."""
    return float(f"{number:.12g}")


def zh_number(word: str) -> int | None:
    """A small Chinese numeral (一 … 九十九) or ASCII digits as an int, else None.

    >>> zh_number("十二"), zh_number("五"), zh_number("11")
    (12, 5, 11)
    """
    if word.isdigit():
        return int(word)
    if not word or any(c not in ZH_DIGITS and c != "十" for c in word):
        return None
    if "十" not in word:
        return ZH_DIGITS[word] if len(word) == 1 else None
    tens, _, ones = word.partition("十")
    return (ZH_DIGITS.get(tens, 1) if tens else 1) * 10 + (ZH_DIGITS.get(ones, 0) if ones else 0)


FRACTION = re.compile(r"(?P<den>[一二三四五六七八九十]+)分之(?P<num>[一二三四五六七八九])")


def fraction_percent(match: re.Match[str]) -> float | None:
    """``三分之一`` as a percentage rounded like the report's shares (33.3)."""
    den, num = zh_number(match["den"]), zh_number(match["num"])
    if not den or num is None:
        return None
    return round(100 * num / den, 1)
