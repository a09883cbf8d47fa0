"""The query worker pool: a crashed or runaway worker is replaced and the pool keeps answering."""

from __future__ import annotations

import csv
import io
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tradekg.graph.store import current_build
from tradekg.graph.workers import (
    QueryCrashed,
    QueryFailed,
    QueryJob,
    QueryParseError,
    QueryPool,
    QueryTimeout,
)

ASK = QueryJob("ASK { ?s ?p ?o }")
EXPLOSIVE = (
    "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
    "FILTER(CONTAINS(CONCAT(STR(?c), STR(?f), STR(?i)), 'no such text')) }"
)


@pytest.fixture(scope="module")
def pool(built_dir: Path) -> Iterator[QueryPool]:
    pool = QueryPool(current_build(built_dir) / "store", size=2, timeout=1.5)
    yield pool
    pool.close()


def test_a_worker_the_engine_crashes_in_is_replaced(pool: QueryPool) -> None:
    # 3,000 nested groups segfault pyoxigraph; the guard refuses them, here the pool meets one.
    before = set(pool.pids())
    with pytest.raises(QueryCrashed, match="replaced"):
        pool.run(QueryJob("SELECT * {" + "{" * 3000 + "}" * 3000 + "}"))
    assert pool.run(ASK).body == b'{"head": {}, "boolean": true}'
    assert len(pool.pids()) == 2 and set(pool.pids()) != before


def test_a_runaway_query_is_killed_at_the_limit(pool: QueryPool) -> None:
    before = set(pool.pids())
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"1\.5 s"):
        pool.run(QueryJob(EXPLOSIVE))
    assert time.monotonic() - started < 1.5 + 1
    (killed,) = before - set(pool.pids())
    with pytest.raises(ProcessLookupError):  # gone, not running on in the background
        os.kill(killed, 0)
    assert pool.run(ASK).kind == "boolean"


def test_parse_and_evaluation_errors_name_their_phase(pool: QueryPool) -> None:
    with pytest.raises(QueryParseError, match=r"^query does not parse: error at 1:"):
        pool.run(QueryJob("SELECT * WHERE {"))
    with pytest.raises(QueryFailed, match=r"^query could not run: "):
        pool.run(QueryJob("SELECT ?s WHERE { ?s ?p ?o }", params={"not a name": "1"}))


def test_rows_past_the_cap_are_cut_and_flagged(pool: QueryPool) -> None:
    answer = pool.run(QueryJob("SELECT * { ?s ?p ?o }", result_format="csv", row_cap=5))
    assert answer.truncated and answer.rows == 5
    assert len(list(csv.reader(io.StringIO(answer.body.decode())))) == 1 + 5
