"""The report's skeleton: parts, chapters and sections, and every block of text with its span.

``parse_report(text)`` reads the layout every edition of the series shares — a cover with the
title and year, a table of contents with page numbers, parts ending in 篇, chapters, numbered
sections (一、…) and subsections (（一）…), footnotes (¹ …), figure and table captions, source
notes — and records where each piece stands (lines and character offsets). Later extractors
hang their facts on these spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import ReportFormatError

SERIES_TITLE = "服务贸易发展报告"
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
#: Back and front matter that the table of contents lists outside any part.
STANDALONE_TITLES = ("编后语", "后记", "前言", "序言", "附录", "附件")

_TOC_HEADING = re.compile(r"^\s*目\s*录\s*$")
_TOC_ENTRY = re.compile(r"^\s*(?P<title>.+?)\s*[.．。…·]{2,}\s*(?P<page>\d+)\s*$")
_YEAR_LINE = re.compile(r"^\s*((?:19|20)\d{2})\s*$")
_TITLE_YEAR = re.compile(r"报告\s*((?:19|20)\d{2})")
_SECTION = re.compile(r"^([一二三四五六七八九十]+)、(.{1,40})$")
_SUBSECTION = re.compile(r"^（([一二三四五六七八九十]+)）(.{1,40})$")
_CONTRIBUTOR = re.compile(r"供稿单位\s*[：:]\s*(?P<name>[^。；;]+)")
_SENTENCE_END = "。！？；：”’」』）)!?;:…"
_BLOCK_KINDS = (
    ("footnote", re.compile(f"^[{SUPERSCRIPTS}]+")),
    ("figure", re.compile(r"^图\s*\d+\s*-\s*\d+")),
    ("table-caption", re.compile(r"^表\s*\d+\s*-\s*\d+")),
    ("source", re.compile(r"^(资料来源|数据来源)\s*[：:]")),
    ("note", re.compile(r"^注\s*[：:]")),
)


@dataclass(frozen=True)
class TocEntry:
    """One line of the table of contents."""

    title: str
    page: int
    line: int
    kind: str  # part | chapter


@dataclass
class Block:
    """A paragraph-level piece of text: its kind, its lines and its character span in the text."""

    kind: str  # paragraph | footnote | figure | table-caption | table-row | source | note
    first_line: int
    last_line: int
    start: int
    end: int
    lines: list[int] = field(default_factory=list)


@dataclass
class Division:
    """A part, chapter, section or subsection, from its heading line to the next heading."""

    kind: str  # part | chapter | section | subsection
    title: str
    order: int
    line: int
    last_line: int = 0
    toc_page: int | None = None
    contributor: str | None = None
    contributor_line: int | None = None
    children: list[Division] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def walk(self) -> list[Division]:
        """This division and every division below it, in reading order."""
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found


@dataclass
class Document:
    """A parsed report: its identity, its table of contents and its divisions."""

    title: str
    year: int
    toc: list[TocEntry]
    divisions: list[Division]
    line_offsets: list[int]
    lines: list[str]

    @property
    def line_count(self) -> int:
        """Lines of the text, as an editor counts them (a final newline opens no new line)."""
        return len(self.lines) - (1 if self.lines and self.lines[-1] == "" else 0)

    def walk(self) -> list[Division]:
        """Every division of the report in reading order."""
        return [d for top in self.divisions for d in top.walk()]

    def blocks(self) -> list[Block]:
        """Every block of the report in reading order."""
        return sorted((b for d in self.walk() for b in d.blocks), key=lambda b: b.first_line)

    def chapters(self) -> list[Division]:
        return [d for d in self.walk() if d.kind == "chapter"]


def clean_title(text: str) -> str:
    """A heading without footnote marks, spaces and trailing punctuation.

    >>> clean_title("三、最新政策举措¹ ")
    '三、最新政策举措'
    """
    text = re.sub(f"[{SUPERSCRIPTS}]", "", text)
    return re.sub(r"\s+", "", text).rstrip("。.：:")


def parse_report(text: str, source: str = "<text>") -> Document:
    """Split a report of the series into its divisions and blocks.

    Raises ReportFormatError when the text lacks the series' title or table of contents, or
    when a heading the table of contents promises is missing (a truncated file).
    """
    lines = text.split("\n")
    offsets = _line_offsets(lines)
    toc_line = _find_toc(lines, source)
    title, year = _find_title_and_year(lines[:toc_line], source)
    toc = _read_toc(lines, toc_line, source)
    body_start = toc[-1].line + 1
    divisions = _build_divisions(lines, toc, body_start, source)
    _fill_sections_and_blocks(lines, offsets, divisions)
    _note_contributors(lines, divisions)
    return Document(title, year, toc, divisions, offsets, lines)


def _line_offsets(lines: list[str]) -> list[int]:
    offsets, position = [], 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    return offsets


def _find_toc(lines: list[str], source: str) -> int:
    for number, line in enumerate(lines[:200], 1):
        if _TOC_HEADING.match(line):
            return number
    raise ReportFormatError(
        source, "not a report of the series: no table of contents (目录) in the first 200 lines"
    )


def _find_title_and_year(front: list[str], source: str) -> tuple[str, int]:
    titles = [line.strip() for line in front if SERIES_TITLE in line]
    if not titles:
        raise ReportFormatError(
            source,
            f"not a report of the series: no title containing '{SERIES_TITLE}' before the contents",
        )
    years = [int(m.group(1)) for line in front if (m := _YEAR_LINE.match(line))]
    years += [int(m.group(1)) for t in titles if (m := _TITLE_YEAR.search(t))]
    if not years:
        raise ReportFormatError(source, "no edition year on the cover (a line such as '2023')")
    return titles[0], years[0]


def _read_toc(lines: list[str], toc_line: int, source: str) -> list[TocEntry]:
    entries: list[TocEntry] = []
    for number in range(toc_line + 1, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            continue
        match = _TOC_ENTRY.match(line)
        if not match:
            break
        title = clean_title(match.group("title"))
        kind = "part" if title.endswith("篇") else "chapter"
        entries.append(TocEntry(title, int(match.group("page")), number, kind))
    if len(entries) < 3:
        raise ReportFormatError(
            source, f"not a report of the series: the contents (line {toc_line}) list no chapters"
        )
    return entries


def _build_divisions(
    lines: list[str], toc: list[TocEntry], body_start: int, source: str
) -> list[Division]:
    top: list[Division] = []
    part: Division | None = None
    cursor = body_start
    chapter_order = 0
    for entry in toc:
        heading = _find_heading(lines, entry.title, cursor)
        if heading is None:
            raise ReportFormatError(
                source,
                f"truncated or altered: the contents list '{entry.title}' (page {entry.page}) "
                f"but no such heading follows line {cursor}",
            )
        cursor = heading + 1
        if entry.kind == "part":
            part = Division("part", entry.title, len(top) + 1, heading, toc_page=entry.page)
            top.append(part)
            continue
        chapter_order += 1
        chapter = Division("chapter", entry.title, chapter_order, heading, toc_page=entry.page)
        if part is None or entry.title in STANDALONE_TITLES:
            part = None
            top.append(chapter)
        else:
            part.children.append(chapter)
    last = len(lines) - (1 if lines and lines[-1] == "" else 0)
    _close_ranges(top, last)
    return top


def _find_heading(lines: list[str], title: str, start: int) -> int | None:
    for number in range(start, len(lines) + 1):
        if clean_title(lines[number - 1]) == title:
            return number
    return None


def _close_ranges(divisions: list[Division], end: int) -> None:
    """Set each division's last line: the line before the next sibling, or the parent's end."""
    for index, division in enumerate(divisions):
        following = divisions[index + 1].line - 1 if index + 1 < len(divisions) else end
        division.last_line = following
        _close_ranges(division.children, following)


def _fill_sections_and_blocks(
    lines: list[str], offsets: list[int], divisions: list[Division]
) -> None:
    headings = {d.line for top in divisions for d in top.walk()}
    for chapter in (d for top in divisions for d in top.walk() if d.kind == "chapter"):
        _split_sections(lines, chapter)
        _close_ranges(chapter.children, chapter.last_line)
        headings |= {d.line for d in chapter.walk()}
    owners = _line_owners(divisions, len(lines))
    previous: Block | None = None
    for number, line in enumerate(lines, 1):
        owner = owners.get(number)
        if owner is None or number in headings or not line.strip():
            continue
        kind = _block_kind(line, previous)
        if kind == "paragraph" and previous is not None and _continues(previous, lines):
            previous.last_line, previous.end = number, offsets[number - 1] + len(line)
            previous.lines.append(number)
            continue
        block = Block(
            kind, number, number, offsets[number - 1], offsets[number - 1] + len(line), [number]
        )
        owner.blocks.append(block)
        if kind == "paragraph" or previous is None or previous.kind != "paragraph":
            previous = block


def _split_sections(lines: list[str], chapter: Division) -> None:
    section: Division | None = None
    for number in range(chapter.line + 1, chapter.last_line + 1):
        text = clean_title(lines[number - 1])
        if _SECTION.match(text) and not text.endswith("。"):
            section = Division("section", text, len(chapter.children) + 1, number)
            chapter.children.append(section)
        elif _SUBSECTION.match(text) and not text.endswith("。") and section is not None:
            sub = Division("subsection", text, len(section.children) + 1, number)
            section.children.append(sub)
    for section in chapter.children:
        if section.children:
            _close_ranges(section.children, _next_line(chapter, section))


def _next_line(chapter: Division, section: Division) -> int:
    later = [s.line for s in chapter.children if s.line > section.line]
    return (min(later) - 1) if later else chapter.last_line


def _line_owners(divisions: list[Division], count: int) -> dict[int, Division]:
    """Map each body line to the innermost division that holds it."""
    owners: dict[int, Division] = {}
    for division in (d for top in divisions for d in top.walk()):
        for number in range(division.line, (division.last_line or count) + 1):
            owners[number] = division
    return owners


def _block_kind(line: str, previous: Block | None) -> str:
    stripped = line.strip()
    for kind, pattern in _BLOCK_KINDS:
        if pattern.match(stripped):
            return kind
    if previous is not None and previous.kind == "note" and re.match(r"^\d+\s*[.．、]", stripped):
        return "note"
    if "\t" in line:
        return "table-row"
    return "paragraph"


def _continues(previous: Block, lines: list[str]) -> bool:
    """A paragraph cut by a page break: the previous one stops mid-sentence."""
    last = lines[previous.last_line - 1].rstrip()
    return previous.kind == "paragraph" and bool(last) and last[-1] not in _SENTENCE_END


def _note_contributors(lines: list[str], divisions: list[Division]) -> None:
    """Each chapter's contributing agency, from its ``供稿单位：…`` footnote."""
    for chapter in (d for top in divisions for d in top.walk() if d.kind == "chapter"):
        for block in (b for d in chapter.walk() for b in d.blocks if b.kind == "footnote"):
            match = _CONTRIBUTOR.search(lines[block.first_line - 1])
            if match:
                chapter.contributor = match.group("name").strip()
                chapter.contributor_line = block.first_line
                break
