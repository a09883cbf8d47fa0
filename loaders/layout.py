"""The report text as the extractor reads it: logical paragraphs, tables and skipped lines.

A page break in the source splits a paragraph over two lines (``…同比增长`` / ``2.9%，…``), often
with a figure caption or a footnote in between. Body lines that do not end a sentence are joined
to the next body line, and every character of the joined text keeps its line and column, so a
quote can always be cut from one line of the report.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_SENTENCE_END = "。！？；：!?;:”"
_SKIPPED = re.compile(r"^\s*(?:图\s*\d|资料来源|数据来源|注[:：]|$)|\.{4,}|…{2,}")
_FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹]")
_TABLE_CAPTION = re.compile(r"^\s*表\s*\d+\s*[-－—]\s*\d+")


@dataclass(frozen=True)
class Paragraph:
    """Text joined from one or more report lines; ``starts[i]`` is where line ``lines[i]`` begins."""

    text: str
    lines: tuple[int, ...]  # 1-based line numbers
    starts: tuple[int, ...]  # offset in ``text`` where each line's text begins

    def locate(self, offset: int) -> tuple[int, int]:
        """``(line number, column)`` of a character offset of the joined text."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.lines[i], offset - self.starts[i]

    def line_span(self, offset: int) -> tuple[int, int]:
        """The ``[start, end)`` range of the joined text that lies on the line holding ``offset``."""
        i = bisect.bisect_right(self.starts, offset) - 1
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end


def line_role(line: str) -> str:
    """What a report line is: blank | skipped | footnote | table | caption | heading | body."""
    if not line.strip():
        return "blank"
    if _SKIPPED.search(line):
        return "skipped"
    if _FOOTNOTE.match(line):
        return "footnote"
    if _TABLE_CAPTION.match(line):
        return "caption"
    if "\t" in line:
        return "table"
    if len(line.strip()) <= 40 and not re.search(r"[。，；]", line):
        return "heading"
    return "body"


def paragraphs(lines: list[str]) -> list[Paragraph]:
    """Body paragraphs (joined over page breaks) and footnotes, in reading order."""
    found: list[Paragraph] = []
    pending: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        role = line_role(line)
        if role in ("blank", "skipped"):
            continue
        if role == "footnote" or role in ("table", "caption", "heading"):
            if role == "footnote":
                found.append(_join([(number, line)]))
            elif pending:
                found.append(_join(pending))
                pending = []
            continue
        pending.append((number, line))
        if line.rstrip().endswith(tuple(_SENTENCE_END)):
            found.append(_join(pending))
            pending = []
    if pending:
        found.append(_join(pending))
    return sorted(found, key=lambda p: p.lines[0])


def _join(parts: list[tuple[int, str]]) -> Paragraph:
    starts, offset = [], 0
    for _, text in parts:
        starts.append(offset)
        offset += len(text)
    return Paragraph("".join(t for _, t in parts), tuple(n for n, _ in parts), tuple(starts))
