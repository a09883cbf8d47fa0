"""Query results on a terminal: an aligned table (CJK characters two columns wide) or CSV."""

from __future__ import annotations

import csv
import sys
import unicodedata

from tradekg.graph.query import Table


def print_table(table: Table) -> None:
    """The table with aligned columns on stdout, its row count on stderr."""
    widths = [_width(v) for v in table.variables]
    for row in table.rows:
        widths = [max(w, _width(cell)) for w, cell in zip(widths, row, strict=True)]
    print("  ".join(_pad(v, w) for v, w in zip(table.variables, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in table.rows:
        print("  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
    print(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})", file=sys.stderr)


def print_csv(table: Table) -> None:
    """The table as CSV on stdout."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(table.variables)
    writer.writerows(table.rows)


def _width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
