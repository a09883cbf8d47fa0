"""Who issued a document, as the text names them.

The issuers of a document named in 《》 are the bodies written as the subject of the verb that
issues it (``工业和信息化部等六部门关于印发《…》``, ``A、B、C等7部门联合印发《…》``,
``国际货币基金组织（IMF）发布的《…》``), or written just before the title (``WTO《…》``), or
inside the title (``国务院办公厅关于…的意见``). A country as subject (中国印发《…》) names no body;
a foreign country (美国通过《…》) is kept, and marks the document as foreign.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import regions
from .numbers import zh_number
from .vocabularies import agencies, home_region

_VERB = re.compile(
    r"(?:关于)?(?:联合|共同|研究|研制|正式|先后)?"
    r"(?:印发|发布|出台|颁布|制定|修订|公布|推出|签署|举办|提出|达成|通过|施行|出版|编制)"
    r"(?:了|的)?(?:关于)?(?:(?:\d+|[一二三四五六七八九十百]+)(?:份|部|项|个))?\s*$"
)
_COUNT = re.compile(r"等\s*(?P<n>\d+|[一二三四五六七八九十]+)\s*(?:个)?部门(?:联合)?$")
_ET_AL = re.compile(r"等(?:有关|相关)?(?:部门|单位)?$")
_PREPOSITION = re.compile(r"^(?:经|在|据|根据|依据|为|按照|随着|对|从)")
_MARKS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
#: Characters a body's name does not hold: they mark a phrase (``重点领域指商务部``), not a name.
_NOT_A_NAME = re.compile(r"[指是的为将对在和与及了]")
_ALONG = re.compile(r"(?:会同|联合)(?:各?相关|有关)?部门$")
_LEAD = re.compile(r"^(?:在|由|经|据|根据|依据)\s*")
#: Words that may stand between a subject and its verb without being a subject themselves.
_ADVERBS = re.compile(r"(?:推动|积极|加快|先后|相继|陆续|持续|进一步|正式|共同|还|也|又|已)+$")
_TIME = re.compile(
    r"\d{4}\s*(?:[-—–至]\s*\d{4}\s*)?年(?:以来)?(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?"
    r"|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|近年来|此外|同时|目前|截至目前"
)
_PAREN = re.compile(r"[（(][^（）()]*[）)]")
_ORG_SUFFIX = re.compile(
    r"(?:部|委|局|署|院|厅|办|中央|总台|办公室|委员会|组织|银行|交易所|协会|联合会|中心|政府|市|省|自治区|特别行政区"
    r"|开发区|高新区|新区|试验区)$"
)
_TITLE_ISSUERS = re.compile(r"^(?P<orgs>[^关]{2,40}?)关于")
_CLAUSE_BREAK = re.compile(r"[，,；;：:。]")


@dataclass(frozen=True)
class Issuers:
    """The bodies named as issuing a document, how many the text says issued it, and whether
    any is foreign."""

    names: tuple[str, ...] = ()
    count: int | None = None
    foreign: bool = False


def body_kind(name: str) -> str | None:
    """``agency``, ``home`` (China itself), ``foreign`` (another country), ``local`` (a Chinese
    province or city) or ``org`` (an organisation by its name's ending); None when not a body."""
    if agencies().get(name):
        return "agency"
    region = regions().codes.get(name)
    if region is not None:
        if region == home_region() or name in ("我国", "国家"):
            return "home"
        return "local" if region.startswith(home_region() + "-") else "foreign"
    if name in ("我国", "国家"):
        return "home"
    plain = len(name) <= 15 and not _NOT_A_NAME.search(name)
    return "org" if plain and _ORG_SUFFIX.search(name) else None


def split_bodies(phrase: str) -> Issuers | None:
    """The bodies of a subject phrase (``A、B等7部门``); None when a part is not a body."""
    phrase = _ALONG.sub("", phrase.strip())
    phrase = _ET_AL.sub("", phrase)
    count = None
    match = _COUNT.search(phrase)
    if match:
        count = zh_number(match.group("n"))
        phrase = phrase[: match.start()]
    phrase = re.sub(f"[{_MARKS}]", "", phrase)
    pieces = [_PAREN.sub("", p).strip() for p in re.split(r"[、\s]+|会同", phrase) if p.strip()]
    parts = [q for p in pieces for q in _split_conjoined(p)]
    if not parts:
        return None
    kinds = [body_kind(p) for p in parts]
    if any(k is None for k in kinds):
        return None
    names = tuple(p for p, k in zip(parts, kinds, strict=True) if k != "home")
    foreign = any(k == "foreign" for k in kinds) or any(_foreign_agency(p) for p in names)
    return Issuers(names, int(count) if count else None, foreign)


def _split_conjoined(part: str) -> list[str]:
    """``财政部和海关总署`` → two bodies; ``住房和城乡建设部`` stays one (its halves are not bodies)."""
    if body_kind(part) is not None:
        return [part]
    for joiner in ("和", "及", "与"):
        left, sep, right = part.partition(joiner)
        if sep and body_kind(left) and body_kind(right):
            return [left, right]
    return [part]


def _foreign_agency(name: str) -> bool:
    """An agency whose name starts with a foreign country's name (澳大利亚地球科学局)."""
    hits = regions().find(name)
    return (
        bool(hits)
        and hits[0][0] == 0
        and not hits[0][2].startswith(home_region())
        and agencies().get(name) is not None
    )


def leading_body(clause: str) -> Issuers | None:
    """The agency a clause opens with (``商务部认真落实…`` → 商务部), if any; a clause opening
    with a preposition (``经国务院批准``) names who approved or where, not who issued."""
    clause = _TIME.sub("", clause).strip()
    if _PREPOSITION.match(clause):
        return None
    for start, end, _ in agencies().find(clause):
        return split_bodies(clause[start:end]) if start == 0 else None
    return None


def _strip_lead(text: str) -> str:
    """A subject without its times and leading prepositions (``在商务部2023年`` → 商务部)."""
    return _LEAD.sub("", _TIME.sub("", text).strip()).strip()


def issuers_before(sentence: str, at: int) -> Issuers:
    """The issuers written before the title that starts at ``sentence[at]``.

    ``sentence`` has other titles masked out; its first clause supplies the subject when the
    title's own clause is a bare verb (``商务部认真落实…，推动出台《…》``).
    """
    clause = _CLAUSE_BREAK.split(sentence[:at])[-1]
    verb = _VERB.search(clause)
    if verb is None:
        return _possessive(clause)
    subject = _ADVERBS.sub("", _strip_lead(clause[: verb.start()])).strip()
    if subject:
        found = split_bodies(subject) or leading_body(subject) or _trailing_bodies(subject)
        return found or Issuers()
    first = _first_clause(sentence)
    return (leading_body(first) or Issuers()) if first is not None else Issuers()


def _trailing_bodies(subject: str) -> Issuers | None:
    """The bodies that end a longer subject (``重点领域指商务部会同工业和信息化部等部门``)."""
    for start, _, _ in agencies().find(subject):
        found = split_bodies(subject[start:])
        if found is not None:
            return found
    return None


def _possessive(clause: str) -> Issuers:
    """``WTO《…》``: a body written right before the title."""
    hits = agencies().find(clause)
    if hits and hits[-1][1] == len(clause.rstrip()):
        start, end, _ = hits[-1]
        return split_bodies(clause[start:end]) or Issuers()
    return Issuers()


def _first_clause(sentence: str) -> str | None:
    """The first clause of a sentence that is not only a time (``2023年，``)."""
    for clause in _CLAUSE_BREAK.split(sentence):
        bare = _TIME.sub("", clause).strip()
        if bare:
            return clause
    return None


def issuers_in_title(title: str) -> Issuers:
    """Bodies a title opens with before 关于 (``中共中央 国务院关于…``, ``国务院办公厅关于…``)."""
    match = _TITLE_ISSUERS.match(title)
    if match is None:
        return Issuers()
    return split_bodies(match.group("orgs")) or Issuers()
