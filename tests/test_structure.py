"""The report's skeleton: parts, chapters, sections, blocks and their spans."""

from __future__ import annotations

import pytest

from tradekg.loaders.errors import ReportFormatError
from tradekg.loaders.structure import clean_title, parse_report


def test_cover_gives_title_and_edition(mini_text: str) -> None:
    document = parse_report(mini_text)
    assert document.title == "中国服务贸易发展报告"
    assert document.year == 2023


def test_table_of_contents_gives_parts_chapters_and_pages(mini_text: str) -> None:
    document = parse_report(mini_text)
    outline = [(d.kind, d.title, d.toc_page) for d in document.divisions]
    assert outline == [("part", "综述篇", 1), ("part", "行业篇", 40), ("chapter", "编后语", 95)]
    chapters = [(c.title, c.toc_page, c.order) for c in document.chapters()]
    assert chapters == [
        ("中国服务贸易发展情况", 6, 1),
        ("电信、计算机和信息服务", 40, 2),
        ("编后语", 95, 3),
    ]


def test_sections_and_subsections_are_found_with_footnote_marks_removed(mini_text: str) -> None:
    chapter = parse_report(mini_text).chapters()[1]
    assert [s.title for s in chapter.children] == ["一、行业发展基础", "三、最新政策举措"]
    assert [s.title for s in chapter.children[0].children] == [
        "（一）数字基础设施建设适度超前，提升跨境贸易效率"
    ]


def test_contributing_agency_comes_from_the_chapter_footnote(mini_text: str) -> None:
    document = parse_report(mini_text)
    chapter = document.chapters()[1]
    assert chapter.contributor == "工业和信息化部"
    assert document.lines[chapter.contributor_line - 1].startswith("¹ 供稿单位")
    assert document.chapters()[0].contributor is None


def test_paragraph_cut_by_a_page_break_is_one_block(mini_text: str) -> None:
    document = parse_report(mini_text)
    block = next(
        b
        for b in document.blocks()
        if "同比增长" in document.lines[b.first_line - 1]
        and b.first_line != b.last_line
        and "可数字化" in document.lines[b.first_line - 1]
    )
    assert document.lines[block.last_line - 1].startswith("2.9%")
    kinds = {b.kind for b in document.blocks()}
    assert kinds == {"paragraph", "footnote", "table-caption", "table-row", "source"}


def test_every_block_span_slices_back_out_of_the_text(report_text: str) -> None:
    document = parse_report(report_text)
    blocks = document.blocks()
    assert len(blocks) > 300
    for block in blocks:
        expected = "\n".join(document.lines[block.first_line - 1 : block.last_line])
        assert report_text[block.start : block.end] == expected


def test_divisions_nest_and_cover_their_lines(report_text: str) -> None:
    document = parse_report(report_text)
    for division in document.walk():
        assert division.line <= division.last_line
        for child in division.children:
            assert division.line < child.line <= child.last_line <= division.last_line


def test_sector_chapters_of_the_bundled_report_each_name_a_contributor(report_text: str) -> None:
    document = parse_report(report_text)
    sector_part = next(d for d in document.divisions if d.title == "行业篇")
    assert len(sector_part.children) >= 5
    assert all(chapter.contributor for chapter in sector_part.children)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("hello world\n", "no table of contents"),
        ("目录\n第一章.....\t1\n", "no title"),
        ("中国服务贸易发展报告\n2023\n目录\n综述篇.....\t1\n", "list no chapters"),
    ],
)
def test_text_that_is_not_a_report_of_the_series_is_refused(text: str, problem: str) -> None:
    with pytest.raises(ReportFormatError, match=problem):
        parse_report(text)


def test_truncated_report_names_the_missing_heading(mini_text: str) -> None:
    truncated = mini_text[: mini_text.index("行业篇\n\n电信")]
    with pytest.raises(ReportFormatError, match=r"truncated.*行业篇.*page 40"):
        parse_report(truncated)


def test_clean_title_drops_marks_and_spaces() -> None:
    assert clean_title("电信、计算机和信息服务¹") == "电信、计算机和信息服务"
    assert clean_title("目 录") == "目录"
