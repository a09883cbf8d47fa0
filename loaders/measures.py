"""What a number measures, read from the words around it in its clause.

A percentage after 增长/下降 is a signed year-on-year growth, after 占…的 a share (with what it is a
share of), after 比…高 an ``other`` comparison; 个百分点 is a percentage-point change (signed by
提高/下降), 倍 a ratio; an amount after 比…增加 is a change of level (``other``); amounts and
counts are values and counts. These are rules of the language of the report, not of one edition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import Quantity

_UP = "增长|增加|提高|提升|上升|扩大|增至|高|超过|攀升|回升|加快"
_DOWN = "负增长|下降|减少|降低|回落|萎缩|下跌|下滑|收窄|缩小|降至|降幅|低|减"
_GROWTH = re.compile(
    r"(?:同比|年均|复合年?|比上年|较上年|较上届|比上届|环比)?"
    r"(?:增长率?|增速|增幅|降幅|下降|减少|降低|上升|回落|萎缩|下跌|下滑|负增长|增加(?!值)|提高|提升|回升)"
)
_SHARE = re.compile(r"占(?!据|领|有)|比重|占比|份额|比例|渗透率|集中度")
_EFFECT = re.compile(r"导致|带动|可能|若|如果|将使|拉动")
_COMPARATIVE = re.compile(r"(?:比|较|高于|低于)[^，；。]*?(?<![提降])[高低](?:出)?(?:了)?\s*$")
_LEVEL_CHANGE = re.compile(r"(?:增加|减少|提高|下降|增长|扩大|降低|缩小|增多|减)(?:了)?\s*$")
_SIGN_WORD = re.compile(rf"{_UP}|{_DOWN}|逆差|顺差")
_SHARE_OF = re.compile(
    r"占(?:据)?(?P<of>[^，；。占]*?)(?:的)?(?:比重|比例|份额)?(?:为|达到?|约|仅为|超过|已近|近)?\s*$"
)


@dataclass(frozen=True)
class Reading:
    """The measure of one number, its sign (+1/-1) and what a share is a share of."""

    measure: str
    sign: int = 1
    of_zh: str = ""


def _sign(prefix: str) -> int:
    """-1 when the nearest direction word before the number says down (下降, 低于, 逆差…)."""
    words = _SIGN_WORD.findall(prefix)
    if not words:
        return 1
    return -1 if re.fullmatch(_DOWN + "|逆差", words[-1]) else 1


def read_measure(quantity: Quantity, clause: str, sentence_before: str) -> Reading | None:
    """The reading of ``quantity`` given its clause up to the number and the sentence before it.

    ``clause`` ends where the number starts; ``sentence_before`` is the sentence text before the
    clause. None when the number is not a measurement (a duration that is not 连续N年).
    """
    kind = quantity.kind
    if kind == "pp":
        return Reading("pp_change", _sign(clause))
    if kind == "percent":
        return _read_percent(clause, sentence_before)
    if kind == "times":
        return Reading("ratio")
    if kind == "duration":
        return Reading("other") if re.search(r"连续\s*$", clause) else None
    if _LEVEL_CHANGE.search(clause) and re.search(r"比|较|差额|相比", sentence_before + clause):
        return Reading("other", _sign(clause))
    if kind == "ratio" or re.search(r"每[万千百亿]?[人户家个]", clause):
        return Reading("ratio")
    if kind == "money" or kind == "quantity":
        return Reading("value", -1 if re.search(r"逆差[^，；。]*$", clause) else 1)
    return Reading("count")


def _read_percent(clause: str, sentence_before: str) -> Reading:
    tail = clause[-14:]
    if re.search(r"贡献率", tail):
        return Reading("other")
    share = _SHARE.search(clause)
    growth = [m for m in _GROWTH.finditer(clause)]
    if share and (not growth or growth[-1].start() < share.start()):
        return Reading("share_pct", 1, share_of(clause))
    if _COMPARATIVE.search(clause):
        return Reading("other", _sign(clause))
    if growth:
        effect = _EFFECT.search(sentence_before + clause)
        if effect and not re.search(r"同比|年均|增速|增长率|比上年", clause):
            return Reading("other", _sign(clause))
        return Reading("yoy_growth_pct", _sign(clause))
    if re.search(r"（\s*$", clause) and _GROWTH.search(sentence_before):
        return Reading("yoy_growth_pct")
    return Reading("other", _sign(clause))


def share_of(clause: str) -> str:
    """What a share written at the end of ``clause`` is a share of (``占全球服务出口的`` -> 全球服务出口)."""
    match = _SHARE_OF.search(clause)
    if not match:
        return ""
    of = re.sub(r"^(?:同期|当年|比)", "", match["of"]).strip()
    return re.sub(r"(?:的)?(?:比重|比例|份额)$", "", of)
