"""Documents named in 《》: issuers as written, dates, numbers, class and type, one record each."""

from __future__ import annotations

import pytest

from tradekg.loaders.agreements import extract_agreements
from tradekg.loaders.policies import extract_policies

# (text, title, issuers, issuer_count, date, doc_class, type); texts are cut from the report or
# written in its style with other names and numbers.
CASES = [
    (
        "2023年10月，工业和信息化部等六部门关于印发《算力基础设施高质量发展行动计划》的通知强调，加强协同。",
        "算力基础设施高质量发展行动计划",
        {"工业和信息化部"},
        6,
        "2023-10",
        "domestic",
        "plan",
    ),
    (
        "2023年12月，工业和信息化部、教育部、商务部等7部门联合印发《关于加快推进视听电子产业高质量发展的指导意见》。",
        "关于加快推进视听电子产业高质量发展的指导意见",
        {"工业和信息化部", "教育部", "商务部"},
        7,
        "2023-12",
        "domestic",
        "opinion",
    ),
    (
        "2021年3月，财政部印发《甲乙丙管理办法》。\n\n2月，中共中央、国务院印发《丁戊建设纲要》，明确提升质量。",
        "丁戊建设纲要",
        {"中共中央", "国务院"},
        None,
        "2021-02",
        "domestic",
        "plan",
    ),
    (
        "2019年，国务院召开全国大会，发布《中共中央 国务院关于促进某业发展的意见》。",
        "中共中央 国务院关于促进某业发展的意见",
        {"中共中央", "国务院"},
        None,
        "2019",
        "domestic",
        "opinion",
    ),
    (
        "2022年发布的《关于推进对外文化贸易高质量发展的意见》（商服贸发〔2022〕102号）提出扩大进口。",
        "关于推进对外文化贸易高质量发展的意见",
        set(),
        None,
        "2022",
        "domestic",
        "opinion",
    ),
    (
        "据WTO发布的《服务贸易促进发展》报告，服务是粘合剂。",
        "服务贸易促进发展",
        {"WTO"},
        None,
        "",
        "publication",
        "report",
    ),
    (
        "2025年，英国发布《2040年测绘战略》，强调生态系统。",
        "2040年测绘战略",
        {"英国"},
        None,
        "2025",
        "foreign",
        "strategy",
    ),
    (
        "2024年4月，《某领域特别管理措施（负面清单）》（2024年版）和《另一领域特别管理措施（负面清单）》正式实施。",
        "另一领域特别管理措施（负面清单）",
        set(),
        None,
        "2024-04",
        "domestic",
        "negative_list",
    ),
    (
        "2021-2023年，国务院办公厅印发《甲计划》《“十四五”乙发展规划》等文件。",
        "“十四五”乙发展规划",
        {"国务院办公厅"},
        None,
        "",
        "domestic",
        "plan",
    ),
    (
        "经国务院批准，2023年2月17日发布《境内企业境外发行证券和上市管理试行办法》。",
        "境内企业境外发行证券和上市管理试行办法",
        set(),
        None,
        "2023-02",
        "domestic",
        "measures",
    ),
    (
        "推动签署《中国-中亚经贸部门关于数字贸易领域合作的谅解备忘录》，达成《某组织关于合作的倡议》。",
        "中国-中亚经贸部门关于数字贸易领域合作的谅解备忘录",
        set(),
        None,
        "",
        "international",
        "mou",
    ),
    (
        "2023 年以来，中国印发《数字建设整体布局规划》等政策文件。",
        "数字建设整体布局规划",
        set(),
        None,
        "",
        "domestic",
        "plan",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1][:12] for c in CASES])
def test_policy_record(case: tuple) -> None:
    text, title, issuers, count, date, doc_class, kind = case
    found = {p.title_zh: p for p in extract_policies(text, year=2023)}
    policy = found[title]
    assert set(policy.issuers_zh) == issuers
    assert policy.issuer_count == count
    assert policy.date == date
    assert (policy.doc_class, policy.type) == (doc_class, kind)


def test_document_number_is_read_from_the_parenthesis_after_the_title() -> None:
    text = (
        "2023年，自然资源部印发《自然资源部关于加快测绘事业转型的意见》（自然资发〔2023〕158号）。"
    )
    [policy] = extract_policies(text, year=2023)
    assert policy.doc_no == "自然资发〔2023〕158号"
    assert policy.issuers_zh == ["自然资源部"]
    assert policy.mentions[0].quote.endswith("158号）")


def test_a_title_mentioned_twice_is_one_record_with_two_mentions() -> None:
    text = "《甲乙规划》提出目标。\n\n2023年，《甲乙规划》等政策文件印发。"
    [policy] = extract_policies(text, year=2023)
    assert [m.line for m in policy.mentions] == [1, 3]
    assert policy.date == "2023"


def test_a_title_split_by_a_page_break_keeps_its_words_and_quotes_its_first_line() -> None:
    text = "服务贸易将链接全球生产活动。根据WTO发布的《服务贸易促进发\n\n展》报告，服务是粘合剂。"
    [policy] = extract_policies(text, year=2023)
    assert policy.title_zh == "服务贸易促进发展"
    assert policy.mentions[0].line == 1 and policy.mentions[0].quote == "《服务贸易促进发"


def test_every_quote_stands_on_its_line_of_the_bundled_report(report_text: str) -> None:
    lines = report_text.split("\n")
    policies = extract_policies(report_text)
    assert len(policies) > 50
    for policy in policies:
        for m in policy.mentions:
            assert lines[m.line - 1][m.start : m.end] == m.quote


def test_agreement_titles_are_agreements_with_china_status_and_date() -> None:
    text = (
        "中国先后于2021年9月和11月正式申请加入《全面与进步跨太平洋伙伴关系协定》（CPTPP）"
        "和《数字经济伙伴关系协定》（DEPA）。自2022年1月1日全面生效以来，RCEP发挥了作用。"
    )
    policies = {p.title_zh: p for p in extract_policies(text, year=2023)}
    assert policies["数字经济伙伴关系协定"].agreement == "DEPA"
    assert policies["数字经济伙伴关系协定"].doc_class == "international"
    found = {a.key: a for a in extract_agreements(text)}
    assert (found["CPTPP"].status, found["CPTPP"].status_date) == ("applied", "2021-09")
    assert (found["DEPA"].status, found["DEPA"].status_date) == ("applied", "2021-11")
    assert (found["RCEP"].status, found["RCEP"].status_date) == ("in_force", "2022-01-01")


def test_bilateral_free_trade_agreements_come_from_the_country_vocabulary() -> None:
    text = "2025年，中国与秘鲁、智利签署自贸协定。在中国-瑞士、中国-新西兰升级自贸协定中做出承诺。"
    found = {a.key: a for a in extract_agreements(text)}
    assert (found["FTA-CN-PE"].status, found["FTA-CN-PE"].status_date) == ("signed", "2025")
    assert found["FTA-CN-NZ"].status == "upgraded"
    assert found["FTA-CN-CH"].status is None and found["FTA-CN-CH"].partner == "CH"
