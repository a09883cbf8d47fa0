"""Named queries: each file declares its header, uses its parameters, and runs on the built graph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tradekg import queries
from tradekg.graph.query import execute, to_table
from tradekg.graph.store import open_store

NAMES = sorted(queries.catalogue())


def test_catalogue_is_not_empty() -> None:
    assert {"triple_count", "report_outline", "chapter_contributors"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_query_declares_summary_and_uses_its_parameters(name: str) -> None:
    query = queries.load(name)
    assert query.summary and query.returns
    body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    for param in query.params:
        assert re.search(rf"[?$]{param.name}\b", body), (
            f"{name} declares ?{param.name} but never uses it"
        )


@pytest.mark.parametrize("name", NAMES)
def test_query_runs_on_the_built_graph(name: str, built_dir: Path) -> None:
    table = to_table(execute(open_store(built_dir), queries.load(name).text))
    assert table.rows, f"{name} returned no rows"


def test_unknown_query_names_the_known_ones() -> None:
    with pytest.raises(queries.UnknownQuery, match="triple_count"):
        queries.load("no_such_query")


def test_outline_follows_the_table_of_contents(built_dir: Path) -> None:
    table = to_table(execute(open_store(built_dir), queries.load("report_outline").text))
    chapters = [row for row in table.rows if row[table.variables.index("kind")] == "chapter"]
    pages = [int(row[table.variables.index("tocPage")]) for row in chapters]
    assert pages == sorted(pages) and len(chapters) >= 10
