"""String in, records out: the observation extractor on fixtures cut from the report.

Each case is a few lines of report text and the records expected from it, as tuples of
(measure, flow, period, value, unit) with the subject checked by containment, the way a reader
would accept it.
"""

from __future__ import annotations

import json
import random

import pytest

from tradekg.loaders.observations import Observation, extract_observations, unresolved_lines

Row = tuple[str, str, str, str, float, str]  # subject, measure, flow, period, value, unit


def rows(text: str, year: int = 2023) -> list[Row]:
    return [
        (o.subject_zh, o.measure, o.flow, o.period, o.value, o.unit)
        for o in extract_observations(text, year)
    ]


CASES: list[tuple[str, list[Row]]] = [
    (
        "2023年，建筑服务进出口392.9亿美元，同比增长9.6%。其中，出口314.1亿美元，增长11.3%；"
        "进口78.7亿美元，增长3.6%。",
        [
            ("建筑服务", "value", "total", "2023", 392.9, "亿美元"),
            ("建筑服务", "yoy_growth_pct", "total", "2023", 9.6, "%"),
            ("建筑服务", "value", "export", "2023", 314.1, "亿美元"),
            ("建筑服务", "yoy_growth_pct", "export", "2023", 11.3, "%"),
            ("建筑服务", "value", "import", "2023", 78.7, "亿美元"),
            ("建筑服务", "yoy_growth_pct", "import", "2023", 3.6, "%"),
        ],
    ),
    (
        "2023年，中西部地区服务进出口942.8亿美元，同比增长16.3%，占全国服务进出口的10.1%，"
        "占比较上年提高1个百分点。",
        [
            ("中西部地区", "value", "total", "2023", 942.8, "亿美元"),
            ("中西部地区", "yoy_growth_pct", "total", "2023", 16.3, "%"),
            ("中西部地区", "share_pct", "total", "2023", 10.1, "%"),
            ("中西部地区", "pp_change", "total", "2023", 1.0, "个百分点"),
        ],
    ),
    (
        "服务贸易逆差扩大至1708.7亿美元，主要来源是旅行服务、运输服务、知识产权使用费和保险服务，"
        "逆差分别为1817亿美元、841.8亿美元、315.2亿美元和101.6亿美元。",
        [
            ("服务贸易", "value", "balance", "2023", -1708.7, "亿美元"),
            ("旅行服务", "value", "balance", "2023", -1817.0, "亿美元"),
            ("运输服务", "value", "balance", "2023", -841.8, "亿美元"),
            ("知识产权使用费", "value", "balance", "2023", -315.2, "亿美元"),
            ("保险服务", "value", "balance", "2023", -101.6, "亿美元"),
        ],
    ),
    (
        "其中，保险、旅行、维护和维修服务出口仍保持较快增长，分别同比增长59.4%、52%、20.7%。",
        [
            ("保险", "yoy_growth_pct", "export", "2023", 59.4, "%"),
            ("旅行", "yoy_growth_pct", "export", "2023", 52.0, "%"),
            ("维护和维修服务", "yoy_growth_pct", "export", "2023", 20.7, "%"),
        ],
    ),
    (
        "截至2023年底，在我国开展业务的外资及港澳台资人力资源服务企业超过400家。",
        [("外资及港澳台资人力资源服务企业", "count", "none", "2023-12-31", 400.0, "家")],
    ),
    (
        "2005—2023年，全球可数字化交付的服务出口从1.2万亿美元增长至4.5万亿美元，年均增长7.6%。",
        [
            ("全球可数字化交付的服务", "value", "export", "2005", 1.2, "万亿美元"),
            ("全球可数字化交付的服务", "value", "export", "2023", 4.5, "万亿美元"),
            ("全球可数字化交付的服务", "yoy_growth_pct", "export", "2005-2023", 7.6, "%"),
        ],
    ),
    (
        "贸易顺差235.4亿美元，与上年206.4亿美元顺差相比，差额增加29.1亿美元。",
        [
            ("服务贸易", "value", "balance", "2023", 235.4, "亿美元"),
            ("服务贸易", "value", "balance", "2022", 206.4, "亿美元"),
            ("服务贸易", "other", "balance", "2023", 29.1, "亿美元"),
        ],
    ),
    (
        "2023年，中国服务出口位居全球第五。",
        [("中国服务贸易", "rank", "export", "2023", 5.0, "")],
    ),
    (
        "2023年，东部地区承接离岸ITO、BPO、KPO执行额比例为40.3：17.6：42.1。",
        [
            ("离岸ITO", "ratio", "execution", "2023", 40.3, ""),
            ("BPO", "ratio", "execution", "2023", 17.6, ""),
            ("KPO", "ratio", "execution", "2023", 42.1, ""),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences(text: str, expected: list[Row]) -> None:
    found = rows(text)
    assert [r[1:] for r in found] == [e[1:] for e in expected]
    for (subject, *_), (want, *_) in zip(found, expected, strict=True):
        assert want in subject or subject in want, (subject, want)


TABLE = "\n".join(
    [
        "表 3-1：2022 年中国主要体育服务进出口统计",
        "序号\t相关领域\t进出口额 (亿元)\t进口额 (亿元)\t出口额 (亿元)\t在体育服务进出口 总额中的占比",
        "1\t职业体育竞赛表演\t10.9\t9.7\t1.2\t5.8%",
        "合计\t\t190.3\t180.8\t9.5\t100%",
    ]
)


def test_table_rows_take_units_from_headers_and_合计_takes_the_caption() -> None:
    assert rows(TABLE) == [
        ("职业体育竞赛表演", "value", "total", "2022", 10.9, "亿元"),
        ("职业体育竞赛表演", "value", "import", "2022", 9.7, "亿元"),
        ("职业体育竞赛表演", "value", "export", "2022", 1.2, "亿元"),
        ("职业体育竞赛表演", "share_pct", "total", "2022", 5.8, "%"),
        ("中国主要体育服务", "value", "total", "2022", 190.3, "亿元"),
        ("中国主要体育服务", "value", "import", "2022", 180.8, "亿元"),
        ("中国主要体育服务", "value", "export", "2022", 9.5, "亿元"),
        ("中国主要体育服务", "share_pct", "total", "2022", 100.0, "%"),
    ]


def test_a_paragraph_split_by_a_page_break_is_read_as_one() -> None:
    text = "2023年，可数字化交付的服务进口1668.6亿美元，同比增长\n\n图 1-4：示意\n\n2.9%，占服务进口的30.2%。"
    found = extract_observations(text, 2023)
    assert [(o.line, o.measure, o.flow, o.value) for o in found] == [
        (1, "value", "import", 1668.6),
        (5, "yoy_growth_pct", "import", 2.9),
        (5, "share_pct", "import", 30.2),
    ]


def test_normalised_values_and_notations() -> None:
    (obs, *_) = extract_observations("2023年，北美洲服务进出口21869.9亿美元，同比增长7.1%。", 2023)
    assert (obs.value_normalized, obs.unit_normalized) == (2_186_990_000_000.0, "USD")
    assert (obs.area, obs.sector) == ("NORTH-AMERICA", "S")


def test_records_follow_the_contract() -> None:
    (obs, *_) = extract_observations("2023年，中国对美国服务出口520亿美元。", 2023)
    record = obs.to_json()
    assert next(iter(record)) == "kind" and record["kind"] == "observation"
    assert record["partner"] == "US"
    json.dumps(record, ensure_ascii=False)


def _assert_quotes_slice_back(text: str, found: list[Observation]) -> None:
    lines = text.split("\n")
    for obs in found:
        assert lines[obs.line - 1][obs.start : obs.end] == obs.quote, obs


def test_every_quote_slices_back_out_of_its_line(report_text: str) -> None:
    found = extract_observations(report_text)
    assert len(found) > 500
    _assert_quotes_slice_back(report_text, found)


FRAGMENTS = [
    "2023年，",
    "其中，",
    "服务出口",
    "进口",
    "1290.1亿美元",
    "同比增长3.9%",
    "，",
    "；",
    "。",
    "\n",
    "占全国的10.1%",
    "提高1个百分点",
    "截至2023年底",
    "800余家",
    "分别为",
    "、",
    "和",
    "（2.7%）",
    "表 1-1：2023 年示例",
    "\t",
    "合计",
    "12.5",
    "-4.3",
    "增速（%）",
    "图 1-1：示例",
    "¹",
    " ",
]


@pytest.mark.parametrize("seed", range(40))
def test_quotes_slice_back_on_scrambled_text(seed: int) -> None:
    generator = random.Random(seed)
    text = "".join(generator.choice(FRAGMENTS) for _ in range(generator.randint(5, 120)))
    _assert_quotes_slice_back(text, extract_observations(text, 2023))


def test_unresolved_lines_are_few_on_the_report(report_text: str) -> None:
    found = extract_observations(report_text)
    missing = unresolved_lines(report_text, found)
    holding = {o.line for o in found} | set(missing)
    assert len(missing) < 0.05 * len(holding)


def test_unresolved_lists_a_number_nobody_took() -> None:
    text = "2023年，中国服务出口3811.2亿美元。\n数据流量每增加10%，将带动增长。"
    assert unresolved_lines(text, extract_observations(text, 2023)) == [2]
