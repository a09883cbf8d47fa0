"""Observations of the report's prose: one paragraph at a time, one sentence at a time.

Within a paragraph the subject, its region and the period carry from sentence to sentence until
the text names new ones; within a sentence the flow carries from clause to clause. ``分别`` lists
pair in order with the names listed before them (or with the years of a range).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import gazetteer
from .layout import Paragraph
from .measures import Reading, read_measure
from .numbers import FRACTION, ZH_NUMERAL, Quantity, find_quantities, fraction_percent, zh_number
from .pairing import Draft, pair_parts, pair_respectively
from .periods import PeriodMention, find_periods
from .records import Observation, make_observation
from .subjects import (
    clean,
    count_noun,
    flow_before,
    flow_words,
    head,
    is_generic,
    named_subject,
    partner,
)
from .vocabularies import home

_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
_RANK = re.compile(
    rf"(?:(?:位居|居|排名|排|列)[^，。；第]{{0,4}}第(?P<a>{ZH_NUMERAL}|\d+)(?:大|位|名)?"
    rf"|第(?P<n>{ZH_NUMERAL}|\d+)(?:大|位|名))"
)
_STRUCTURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:[：:]\d+(?:\.\d+)?){2,}(?![\d.])")
_QUOTE_REACH = 30


@dataclass
class _State:
    """What carries across the sentences of one paragraph."""

    report_year: int
    text: str = ""
    subject: str = ""
    area: str | None = None
    scope_zh: str = ""
    period: str = ""
    sentence_subjects: list[str] = field(default_factory=list)
    last_percent: Reading | None = None


def paragraph_observations(paragraph: Paragraph, report_year: int) -> list[Observation]:
    """Every observation of one paragraph of prose."""
    text = paragraph.text
    quantities = _mentions(text)
    periods = find_periods(text, report_year)
    state = _State(report_year, text)
    found: list[Observation] = []
    for sentence in _SENTENCE.finditer(text):
        inside = [q for q in quantities if sentence.start() <= q.start < sentence.end()]
        spans = [p for p in periods if sentence.start() <= p.start < sentence.end()]
        drafts = _sentence_drafts(text, sentence.span(), inside, spans, state)
        pair_respectively(text, sentence.start(), drafts, spans)
        pair_parts(text, sentence.start(), drafts)
        found.extend(_finish(paragraph, d, state) for d in drafts)
        _carry_period(spans, state)
    return found


def _mentions(text: str) -> list[Quantity]:
    """Quantities with units, plus ranks (第五), fractions (三分之一) and structure ratios."""
    found = find_quantities(text)
    for match in _RANK.finditer(text):
        group = "a" if match["a"] else "n"
        number = zh_number(match[group])
        if number is not None and not re.match(r"[届次批期轮章节条款]", text[match.end() :]):
            start = match.start(group) - 1
            found.append(Quantity(start, match.end(), float(number), "", "rank"))
    for match in FRACTION.finditer(text):
        value = fraction_percent(match)
        if value is not None:
            found.append(Quantity(match.start(), match.end(), value, "%", "fraction"))
    for match in _STRUCTURE.finditer(text):
        for part in re.finditer(r"\d+(?:\.\d+)?", match.group()):
            at = match.start() + part.start()
            found.append(Quantity(at, at + len(part.group()), float(part.group()), "", "part"))
    return sorted(found, key=lambda q: q.start)


def _sentence_drafts(
    text: str,
    bounds: tuple[int, int],
    quantities: list[Quantity],
    spans: list[PeriodMention],
    state: _State,
) -> list[Draft]:
    start, end = bounds
    sentence = text[start:end]
    drafts: list[Draft] = []
    state.sentence_subjects = []
    previous_end = start
    for q in quantities:
        clause_start = _clause_start(text, start, q.start)
        local_start = clause_start
        if previous_end > start:
            local_start = max(clause_start, _after_phrase(text, previous_end, q.start))
        clause, before = text[clause_start : q.start], text[start:clause_start]
        reading = _reading(q, clause, before, (text[q.end : q.end + 6], sentence), state)
        previous_end = q.end
        if reading is None:
            continue
        if q.kind in ("percent", "fraction"):
            state.last_percent = reading
        if reading.measure == "pp_change":
            reading = _pp_of(reading, clause, state)
        subject, explicit = _subject(q, text, (start, local_start), reading, state)
        flow = _flow(q, text, (clause_start, start), explicit)
        period = _period(q, text, spans, state)
        drafts.append(Draft(q, reading, subject, flow, period, local_start, explicit))
    return drafts


def _pp_of(reading: Reading, clause: str, state: _State) -> Reading:
    """A percentage-point change is of a growth rate (增速比上年提高) or of the last share."""
    if "增速" in clause or "增幅" in clause:
        return replace(reading, of_zh="同比增速")
    last = state.last_percent
    return replace(reading, of_zh=last.of_zh if last and last.measure == "share_pct" else "")


def _clause_start(text: str, start: int, at: int) -> int:
    """Where the clause holding position ``at`` begins (commas inside brackets do not count)."""
    depth, begin = 0, start
    for i in range(start, at):
        char = text[i]
        depth += char in "（(《"
        depth -= char in "）)》" and depth > 0
        if depth == 0 and char in "，,；;：:":
            begin = i + 1
    return begin


def _after_phrase(text: str, previous_end: int, at: int) -> int:
    """Past the words that finish the previous number's phrase (``14亿多人口、``)."""
    mark = re.search(r"[、，,；;和及与]", text[previous_end:at])
    return previous_end + mark.end() if mark else previous_end


def _flow(q: Quantity, text: str, where: tuple[int, int], explicit: bool) -> str:
    """The flow of ``q``: named in its clause, else carried in its sentence (not past a new
    subject); a rank or a duration may name it after the number (第二大服务进口国)."""
    clause_start, start = where
    clause, before = text[clause_start : q.start], text[start:clause_start]
    own = flow_before(clause, "")
    if own:
        return own
    if q.kind == "part":
        return flow_before(text[start : q.start], "") or "none"
    if q.kind in ("rank", "duration"):
        after = re.split(r"[，,；;。]", text[q.end : q.end + 30])[0]
        return flow_before(after, "") or "none"
    if explicit and q.kind not in ("percent", "pp"):
        return "none"
    return flow_before(clause, before) or "none"


def _reading(
    q: Quantity, clause: str, before: str, context: tuple[str, str], state: _State
) -> Reading | None:
    """The measure of ``q``; ``context`` is the text right after it and its whole sentence."""
    after, sentence = context
    if q.kind == "rank":
        return Reading("rank")
    if q.kind == "part":
        return Reading("ratio")
    if q.kind == "fraction":
        return Reading("share_pct") if re.search(r"占|覆盖", clause) else Reading("other")
    if re.search(r"每(?:增加|提高|增长|减少|下降)\s*$", clause):
        return None
    reading = read_measure(q, clause, before)
    if q.kind != "percent" or reading is None:
        return reading
    if re.match(r"(?:以上|左右)?的(?:增长率|增速)", after):
        return Reading("yoy_growth_pct")
    return _percent_in_frame(reading, clause, before, sentence, state)


def _percent_in_frame(
    reading: Reading, clause: str, before: str, sentence: str, state: _State
) -> Reading:
    """Percentages whose cue sits outside their clause: ``从A%提高至B%``, ``低于疫情前的3.6%``,
    ``南美（2.7%）``; they take the measure of the frame they are written in."""
    last = state.last_percent
    if re.search(r"(?:至|到)\s*(?:(?:19|20)\d{2}\s*年的)?\s*$", clause) and re.search(
        r"从|由", clause
    ):
        return last or reading
    if re.search(r"(?:从|由)\s*(?:(?:19|20)\d{2}\s*年的?)?\s*$", clause) and not re.search(
        r"占|比重|比例|份额|增长|增速", clause
    ):
        if re.search(r"占|比重|比例|份额", before):
            return Reading("share_pct")
        return last or reading
    if reading.measure != "other":
        return reading
    if last and re.search(r"的\s*$", clause) and not re.search(r"恢复|达|相当于", clause):
        return Reading(last.measure, 1, last.of_zh)
    if re.search(r"（\s*$", clause) and re.search(r"增长|增速|下降", sentence):
        return Reading("yoy_growth_pct")
    return reading


def _subject(
    q: Quantity, text: str, where: tuple[int, int], reading: Reading, state: _State
) -> tuple[str, bool]:
    """The subject of ``q`` and whether the clause named it (else it was carried)."""
    start, local_start = where
    noun = ""
    if reading.measure in ("count", "ratio", "rank"):
        noun = count_noun(text[q.end :])
    if reading.measure == "rank" and noun.endswith("国") and state.sentence_subjects:
        return state.sentence_subjects[-1], False
    phrase = noun or head(text[local_start : q.start])
    if not is_generic(phrase):
        subject = gazetteer.sectors().preferred_name(named_subject(phrase), state.text)
        state.sentence_subjects.append(subject)
        return subject, True
    named = _flow_head(text[start:local_start], state)
    if named:
        if "、" not in named:
            state.subject = named
        return named, False
    if state.sentence_subjects:
        return state.sentence_subjects[-1], False
    if state.subject:
        return state.subject, False
    subject = _unnamed(text[local_start : q.start], state)
    state.sentence_subjects.append(subject)
    return subject, False


def _unnamed(clause: str, state: _State) -> str:
    """A clause that names no subject: about trade in services (服务出口…) it is the scope's
    services trade; otherwise its own words are the nearest honest text."""
    words = clean(clause)
    if len(words) < 2 or flow_words(words) or "服务" in words or "贸易" in words:
        return f"{state.scope_zh or home()[1]}服务贸易"
    return words


def _flow_head(before: str, state: _State) -> str:
    """The subject of the last clause before a number that names a flow without a number of
    its own (``2022年体育旅游类服务贸易总额最低，仅占…``), when no subject came after it."""
    clauses = re.split(r"[，,；;]", before)
    for clause in reversed(clauses):
        if any(s in clause for s in state.sentence_subjects):
            return ""
        if (flow_words(clause) or "占" in clause) and not find_quantities(clause):
            phrase = head(clause)
            return "" if is_generic(phrase) else named_subject(phrase)
    return ""


def _period(q: Quantity, text: str, spans: list[PeriodMention], state: _State) -> str:
    """The period of ``q``: its own year (2021年的N), a range end (从A…至B), or the last one named."""
    before = [p for p in spans if p.end <= q.start and (p.kind != "since" or q.kind == "duration")]
    own = [p for p in before if p.of_value and q.start - p.end <= 2 and q.kind != "times"]
    if own:
        return own[-1].period
    current = state.period or str(state.report_year)
    ranges = [p for p in before if p.kind == "range" and not p.comparison]
    stated = [p for p in before if not p.comparison and not p.of_value]
    if ranges and ranges[-1] is (stated[-1] if stated else None):
        return _within_range(ranges[-1], text[ranges[-1].end : q.start])
    if stated:
        current = stated[-1].period
    if stated and stated[-1].kind == "year_end":
        base = [p for p in stated if p.kind != "year_end"]
        current = (
            f"{(base[-1].period if base else state.period or str(state.report_year))[:4]}-12-31"
        )
    return current


def _within_range(span: PeriodMention, between: str) -> str:
    """A number inside ``2005—2023年，…从A…至B``: A is of the first year, B of the last."""
    if re.search(r"(?:至|到|调整为|变为)[^，；。从由]*$", between) and re.search(r"从|由", between):
        return span.last_year
    if re.search(r"(?:从|由)[^，；。]*$", between):
        return span.first_year
    return span.period


def _carry_period(spans: list[PeriodMention], state: _State) -> None:
    stated = [p for p in spans if not p.comparison and not p.of_value]
    stated = [p for p in stated if p.kind not in ("year_end", "since")]
    if stated:
        state.period = stated[-1].period


def _finish(paragraph: Paragraph, draft: Draft, state: _State) -> Observation:
    q, reading = draft.quantity, draft.reading
    area, scope_zh = _area(draft.subject, state)
    if draft.explicit and reading.measure in ("value", "count"):
        state.subject = draft.subject
    line, _ = paragraph.locate(q.start)
    line_start, line_end = paragraph.line_span(q.start)
    quote_start = max(draft.quote_start, line_start, q.start - _QUOTE_REACH)
    while quote_start < q.start and paragraph.text[quote_start] in "，,；;、：: ":
        quote_start += 1
    quote = paragraph.text[quote_start : min(q.end, line_end)]
    value = reading.sign * q.value
    if draft.flow == "balance" and reading.measure == "value" and "逆差" in _near(paragraph, q):
        value = -abs(q.value)
    fields = {
        "subject_zh": draft.subject,
        "scope_zh": scope_zh,
        "measure": reading.measure,
        "flow": draft.flow,
        "period": draft.period,
        "value": value,
        "unit": q.unit,
        "of_zh": reading.of_zh,
    }
    sector = _sector(draft.subject)
    partner_code = partner(draft.subject)
    if partner_code and area == partner_code:
        area, scope_zh = home()
    where = (line, quote_start - paragraph.starts[paragraph.lines.index(line)], quote)
    return make_observation(
        where, fields, {"sector": sector, "area": area, "partner": partner_code}
    )


def _near(paragraph: Paragraph, q: Quantity) -> str:
    """The sentence text before ``q`` (where 逆差 or 顺差 would be written)."""
    text = paragraph.text[: q.start]
    return re.split(r"[。！？]", text)[-1]


def _sector(subject: str) -> str | None:
    """The sector a subject names; the bare word 服务 names all services only when the subject
    is a region's services trade, not in 知识产权法律服务的机构."""
    hits = gazetteer.sectors().find(subject)
    specific = [code for s, e, code in hits if subject[s:e] not in ("服务", "服务贸易")]
    if specific:
        return specific[-1]
    rest = gazetteer.regions().pattern.sub("", subject)
    return "S" if hits and re.fullmatch(r"服务(?:贸易)?", rest) else None


def _area(subject: str, state: _State) -> tuple[str, str]:
    """The region a subject names, with its name; else the paragraph's scope (the region of its
    first subject), else the series' home region."""
    hits = gazetteer.regions().find(subject)
    code, name = (hits[0][2], subject[hits[0][0] : hits[0][1]]) if hits else ("", "")
    if state.area is None:
        state.area, state.scope_zh = (code, name) if code else home()
    return (code, name) if code else (state.area, state.scope_zh)
