"""Reading report files: unusable input is refused with a message that says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradekg.loaders.errors import ReportFormatError
from tradekg.loaders.reading import bundled_report_path, read_report_text


def test_bundled_report_ships_with_the_package() -> None:
    text = read_report_text(bundled_report_path())
    assert text.startswith("\n\n中国服务贸易发展报告")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        ("中国服务贸易发展报告".encode("gbk"), "not UTF-8"),
        ("中国服务贸易发展报告".encode("utf-16"), "not UTF-8"),
    ],
)
def test_unreadable_files_are_refused(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    with pytest.raises(ReportFormatError, match=problem):
        read_report_text(path)


def test_missing_file_and_directory_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ReportFormatError, match="no such file"):
        read_report_text(tmp_path / "nope.txt")
    with pytest.raises(ReportFormatError, match="directory"):
        read_report_text(tmp_path)


def test_line_endings_and_bom_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes("\ufeff一\r\n二\r三\n".encode())
    assert read_report_text(path) == "一\n二\n三\n"
