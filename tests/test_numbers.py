"""Numbers and units as the report writes them, and their normalisation to base units."""

from __future__ import annotations

import pytest

from tradekg.loaders.numbers import find_quantities, normalize, zh_number

QUANTITIES = [
    (
        "全年服务出口3811.2亿美元，同比下降10.1%",
        [(3811.2, "亿美元", "money"), (10.1, "%", "percent")],
    ),
    ("进出口 392.9 亿美元", [(392.9, "亿美元", "money")]),
    ("比上年提高1.1个百分点", [(1.1, "个百分点", "pp")]),
    ("线下参展企业超2400家，共达成1100余项成果", [(2400, "家", "count"), (1100, "项", "count")]),
    ("从业人员482.7万人", [(482.7, "万人", "count")]),
    ("境外服务53.3万人次", [(53.3, "万人次", "count")]),
    ("中国拥有14亿多人口", [(14, "亿", "magnitude")]),
    ("中国服业增加值68.8万亿元", [(68.8, "万亿元", "money")]),
    ("总额为190.3亿元人民币", [(190.3, "亿元", "money")]),
    ("劳动生产率为464899元/人", [(464899, "元/人", "ratio")]),
    ("达上年末的3倍多", [(3, "倍", "times")]),
    ("始终在6亿—10亿元的区间", [(6, "亿元", "money"), (10, "亿元", "money")]),
    ("算力总规模达230EFlops（每秒 10^{18} 次浮点运算）", [(230, "EFlops", "quantity")]),
    ("上报服务总人次为86.3万，其中", [(86.3, "万", "magnitude")]),
    ("连续11年稳居", [(11, "年", "duration")]),
]

NOT_QUANTITIES = ["2023年", "10G PON端口", "5G基站", "ISO27001认证", "第6届", "2016-2023年", "12月"]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES)
def test_quantities(text: str, expected: list[tuple[float, str, str]]) -> None:
    found = [(q.value, q.unit, q.kind) for q in find_quantities(text)]
    assert found == [(float(v), u, k) for v, u, k in expected]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_years_codes_and_indices_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_qualifiers_stay_out_of_the_value_and_the_span_slices_back() -> None:
    text = "基地内共入驻人力资源服务贸易企业800余家"
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.qualifier) == (800.0, "余")
    assert text[quantity.start : quantity.end] == "800余家"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (903.4, "亿美元", (90_340_000_000.0, "USD")),
        (1.27, "万美元", (12_700.0, "USD")),
        (68.8, "万亿元", (68_800_000_000_000.0, "CNY")),
        (2.5, "万人", (25_000.0, "persons")),
        (33.0, "万人次", (330_000.0, "person_times")),
        (9.25, "万家", (92_500.0, "count")),
        (15.4, "亿", (1_540_000_000.0, "count")),
        (4.9, "%", (4.9, "percent")),
        (1.1, "个百分点", (1.1, "percentage_point")),
        (3.0, "倍", (3.0, "times")),
        (230.0, "EFlops", (2.3e20, "FLOPS")),
        (1.0, "光年", (None, "")),
    ],
)
def test_normalize(value: float, unit: str, expected: tuple[float | None, str]) -> None:
    assert normalize(value, unit) == expected


@pytest.mark.parametrize(
    ("word", "number"),
    [("五", 5), ("十", 10), ("十二", 12), ("二十", 20), ("11", 11), ("亿", None)],
)
def test_zh_number(word: str, number: int | None) -> None:
    assert zh_number(word) == number
