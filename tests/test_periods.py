"""Periods resolved to the record form, relative to the report year where the text is relative."""

from __future__ import annotations

import pytest

from tradekg.loaders.periods import detect_report_year, find_periods

CASES = [
    ("2023年，中国服务进出口", [("2023", False)]),
    ("2023 年，电信", [("2023", False)]),
    ("截至2023年底，具备千兆网络", [("2023-12-31", False)]),
    ("截至2023年末，全国", [("2023-12-31", False)]),
    ("截至2023年12月，全国", [("2023-12-31", False)]),
    ("截至2023年，全国有", [("2023-12-31", False)]),
    ("截至2024年4月，", [("2024-04", False)]),
    ("2016-2023年，中国", [("2016-2023", False)]),
    ("2005—2023年，全球", [("2005-2023", False)]),
    ("预计2024年至2032年的复合年增长率", [("2024-2032", False)]),
    ("2024年4月，工业和信息化部", [("2024-04", False)]),
    ("自2013年以来，中国连续11年", [("2013-2023", False)]),
    ("较2022年提升6.9个百分点", [("2022", True)]),
    ("占比较上年提高", [("2022", True)]),
    ("比上年末增加", [("2022-12-31", True)]),
    ("年末从业人员", [("2023-12-31", False)]),
    ("（2024年版）", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_periods(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(m.period, m.comparison) for m in find_periods(text, 2023)] == expected


def test_a_year_before_的_and_a_number_is_that_number_s_period() -> None:
    (mention,) = find_periods("比2021年的101.9亿元增加", 2023)
    assert mention.comparison and mention.of_value


def test_ranges_know_their_ends() -> None:
    (mention,) = find_periods("2016-2023年", 2023)
    assert (mention.first_year, mention.last_year) == ("2016", "2023")


def test_report_year_from_the_title_page_or_the_most_frequent_year() -> None:
    assert detect_report_year("中国服务贸易发展报告\n\n2023\n\n目 录") == 2023
    assert detect_report_year("2021年增长，2022年增长，2022年下降。") == 2022
    assert detect_report_year("没有年份") is None
