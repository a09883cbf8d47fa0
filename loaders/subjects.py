"""Who a number is about, and which trade flow it measures, read from the text before it.

The subject is the noun phrase a clause opens with (``电信、计算机和信息服务进出口X亿美元``);
a clause that opens with no subject of its own (``其中，出口Y亿美元``, ``同比增长4.9%``)
carries the subject of the sentence, then of the paragraph. A count takes the noun after its
classifier (``3486家企业``) when one follows. Flow words come from the vocabulary; words such as
出口基地 or 出口市场 name things, not flows.
"""

from __future__ import annotations

import re

from . import gazetteer

_SUPERSCRIPT = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*]+")
_PERIOD = re.compile(
    r"(?:(?:19|20)\d{2}\s*年?\s*[-—–~～至到]\s*)?(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:底|末)?"
    r"|(?<!\d)\d{1,2}\s*月(?:份)?(?:、\d{1,2}\s*月)*|截至"
)
_LEAD = re.compile(
    r"^(?:[\s，,；;：:、（）()“”]|其中|全年|同期|此外|另外|目前|当前|但是?|而且?|并且?|同时|"
    r"年末|年底|上年末|预计|据[^，,]{0,20}?(?:统计|显示|数据)|根据[^，,]{0,20}?(?:统计|显示|数据)|"
    r"[A-Za-z（）()]{2,10}(?:预计|预测|显示|数据显示)|以及|及|和|与|从(?=[\d（(]|$)|由(?=[\d（(]|$)|仅|平均|始终|在|以上|"
    r"达成|实现|完成|形成|提出|推广|新增|承接|共计?)+"
)
_TRAIL = re.compile(
    r"(?:[\s，,、（(“]|的|达到?|为|超过?|约|近|共计?|有|突破|总数|总计|合计|分别|均|已经?|仍|"
    r"实现|完成|累计|规模|总额|数量|同比|增长|下降|可能|将|预计|还|也|基本)+$"
)
_TRIGGER = re.compile(
    r"同比|环比|年均|复合|增长|增速|增幅|下降|减少|降低|上升|回落|萎缩|提高|提升|扩大|增加(?!值)|"
    r"占|比|较|高于|低于|分别|连续|位居|居|排名|恢复至|增至|降至|至|达(?!成)|为|超过|超|约|近|放缓|"
    r"突破|完成|签订|部署|始终|保持"
)
#: Phrases of a clause that are neither its subject nor its measure (periods, bases, frames).
_NOISE = re.compile(
    r"（[^（）]*）|\([^()]*\)|按[^，,]{0,20}?计算的?|在[^，,]{0,20}?基础上|在[^，,]{0,20}?中(?=占)|"
    r"^.*?(?:出口|进口|进出口|收入|总额|总量|产值)中(?=[^，,]*占)|上年末|上年底|上年|同期|当年|"
    r"近\d+年|以美元计"
)
_GENERIC = re.compile(r"^(?:服务贸易|服务|贸易|合计|总额|总计|增速|占比|比重|规模|全国|其他)*$")
_FLOW_BLOCK = re.compile(
    r"^(?:基地|市场|商品|企业|型|导向|退税|管制|许可|目的地|信用|产品|能力|竞争|业务|群体|水平|"
    r"分配|结构|来源)"
)
_COUNT_NOUN_END = re.compile(
    r"[，,。；;：:、（(）)“”\d]|的|参加|参展|加入|签署|签约|上市|开展|提供|入驻|举行|获得|通过|"
    r"实现|完成|分布|覆盖|成为|达到|超过|落地|建设|认定|组成|被|为|已|在|共|与|和|及|经过|出台|"
    r"发布|印发|制定|上报|逐步|不断|将"
)


def strip_marks(text: str) -> str:
    """The text without footnote superscripts and markdown bold marks."""
    return _SUPERSCRIPT.sub("", text)


def _outside_titles(text: str) -> str:
    """``text`` with the inside of 《…》 blanked (a flow word in a title is no flow)."""
    return re.sub(r"《[^》]*》", lambda m: "　" * len(m.group()), text)


def flow_words(text: str) -> list[tuple[int, int, str]]:
    """Flow words of ``text`` that name a flow: ``(start, end, code)``; 逆差 and 顺差 are balance."""
    clean = _outside_titles(text)
    return [
        (s, e, code)
        for s, e, code in gazetteer.flows().find(clean)
        if not _FLOW_BLOCK.match(clean[e:])
    ]


def flow_before(clause: str, sentence_before: str) -> str | None:
    """The flow of a number: the last flow word of its clause (before any 占…), else of the sentence."""
    own = re.sub(r"按[^，,]{0,20}?计算", "", clause.split("占")[0])
    hits = flow_words(own)
    if hits:
        return hits[-1][2]
    earlier = re.sub(r"占[^，；。]*?(?:的|比重|比例|份额)", "", sentence_before.split("；")[-1])
    earlier = re.sub(r"按[^，,]{0,20}?计算", "", earlier)
    hits = flow_words(earlier)
    return hits[-1][2] if hits else None


def head(clause: str) -> str:
    """The noun phrase a clause opens with, cut before its flow word or measure word, cleaned."""
    text = strip_marks(clause)
    text = _NOISE.sub("", _PERIOD.sub("", text))
    cut = len(text)
    flows = flow_words(text)
    if flows:
        cut = flows[0][0]
    trigger = _TRIGGER.search(text[:cut])
    if trigger:
        cut = trigger.start()
    phrase = _LEAD.sub("", text[:cut])
    phrase = _TRAIL.sub("", phrase)
    return phrase.strip("，,、（）() ")


def clean(clause: str) -> str:
    """A clause without its periods, bracketed asides, frames and leading connectives."""
    text = _PERIOD.sub("", strip_marks(clause))
    return _TRAIL.sub("", _LEAD.sub("", _NOISE.sub("", text))).strip("，,、（）() ")


def is_generic(phrase: str) -> bool:
    """Whether a head names nothing of its own (服务, 服务贸易, 合计 …) and must be carried."""
    return len(phrase) < 2 or bool(_GENERIC.match(phrase))


def named_subject(phrase: str) -> str:
    """A head as a subject: a region's services are its services trade (``欧洲服务`` -> 欧洲服务贸易);
    a group's services name the group (``前十大国家服务`` -> 前十大国家)."""
    if phrase.endswith("服务") and len(phrase) > 2:
        rest = phrase[: -len("服务")]
        if gazetteer.regions().pattern.fullmatch(rest):
            return phrase + "贸易"
        if re.search(r"(?:国家|地区|经济体)$", rest):
            return rest
    return phrase


_PARTNER = re.compile(r"(?:对|向|自|从|与|承接)(?:其他)?")


def partner(phrase: str) -> str | None:
    """The partner region a subject names after 对/向/自/从/承接 (``中国对美国服务`` -> US)."""
    for start, _, code in gazetteer.regions().find(phrase):
        if start and _PARTNER.search(phrase[max(0, start - 3) : start]):
            return code
    return None


def count_noun(after: str) -> str:
    """The noun a count's classifier introduces (``企业参展`` -> 企业), else ""."""
    text = re.sub(r"^(?:以上|左右|多)", "", strip_marks(after))
    stop = _COUNT_NOUN_END.search(text)
    noun = text[: stop.start()] if stop else text[:16]
    return noun if len(noun) >= 2 else ""


def enumeration(text: str, size: int) -> list[str] | None:
    """The last list of ``size`` names written in ``text`` (``A、B、C和D``), for 分别 pairing."""
    for segment in reversed(re.split(r"[，,；;。]", strip_marks(text))):
        if "、" in segment:
            lead = segment[: segment.index("、")]
            marker = list(re.finditer(r"是|为|包括|：|:", lead))
            segment = segment[marker[-1].end() :] if marker else segment
        segment = _LEAD.sub("", segment)
        flows = flow_words(segment)
        body = segment[: flows[0][0]] if flows else segment
        body = re.split(r"仍|保持|均|增长|下降|等", body)[0]
        items = [i for i in body.split("、") if i]
        if len(items) == size - 1 and items:
            last = re.split(r"和|及|与", items[-1], maxsplit=1)
            items = items[:-1] + last
        if len(items) == size and all(len(i) >= 2 and not re.search(r"\d", i) for i in items):
            return items
    return None
