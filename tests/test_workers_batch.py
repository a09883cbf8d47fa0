"""The query pool's batches and its in-memory copy of the store: same answers, same limits."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_sparql_workers import EXPLOSIVE

from tradekg import ontology, queries
from tradekg.graph import workers
from tradekg.graph.store import current_build
from tradekg.graph.workers import QueryJob, QueryPool

PLAN = ontology.base_iri() + "id/policy/算力基础设施高质量发展行动计划"
LINKAGE = [
    QueryJob(queries.load(name).text, {"policy": PLAN})
    for name in ("policy", "policy_targets", "policy_outcomes")
]
PER_GRAPH = QueryJob("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")


@pytest.fixture(scope="module")
def pools(built_dir: Path) -> Iterator[dict[str, QueryPool]]:
    """The same store held in the workers' memory, and read from disk (no memory copy)."""
    path = current_build(built_dir) / "store"
    made = {
        "memory": QueryPool(path, size=1, timeout=2),
        "disk": QueryPool(path, size=1, timeout=2, memory_quads=0),
    }
    yield made
    for pool in made.values():
        pool.close()


def _bindings(body: bytes) -> list[str]:
    document = json.loads(body)
    return sorted(json.dumps(b, sort_keys=True) for b in document["results"]["bindings"])


def test_a_batch_answers_each_job_as_a_single_run_would(pools: dict[str, QueryPool]) -> None:
    pool = pools["memory"]
    together = pool.run_many(LINKAGE)
    alone = [pool.run(job) for job in LINKAGE]
    assert [a.body for a in together] == [a.body for a in alone]
    assert [a.rows for a in together][1:] != [0, 0]  # the plan has targets and outcomes


def test_the_memory_copy_answers_like_the_store_on_disk(pools: dict[str, QueryPool]) -> None:
    memory, disk = (pools[k].run_many([*LINKAGE, PER_GRAPH]) for k in ("memory", "disk"))
    # Equal rows; the order of rows that tie under ORDER BY is the store's own.
    assert [_bindings(a.body) for a in memory] == [_bindings(a.body) for a in disk]
    graphs = json.loads(memory[-1].body)["results"]["bindings"]
    assert {b["g"]["value"].rsplit("/graph/", 1)[1] for b in graphs} >= {"ontology", "report/2023"}


def test_a_failing_job_fails_its_batch_and_the_worker_stays(pools: dict[str, QueryPool]) -> None:
    pool = pools["memory"]
    before = pool.pids()
    with pytest.raises(workers.QueryParseError, match=r"^query does not parse"):
        pool.run_many([LINKAGE[0], QueryJob("SELECT * WHERE {")])
    with pytest.raises(workers.QueryFailed, match=r"^query could not run"):
        pool.run_many([QueryJob("SELECT ?s { ?s ?p ?o }", {"not a name": "1"}), LINKAGE[0]])
    assert pool.pids() == before
    assert pool.run_many([LINKAGE[0]])[0].rows > 0


def test_one_time_limit_covers_the_whole_batch(pools: dict[str, QueryPool]) -> None:
    pool = pools["memory"]
    before = set(pool.pids())
    with pytest.raises(workers.QueryTimeout, match=r"2 s"):
        pool.run_many([*LINKAGE, QueryJob(EXPLOSIVE)])
    assert not before & set(pool.pids())
    assert [a.kind for a in pool.run_many(LINKAGE)] == ["solutions"] * 3


def test_a_worker_that_cannot_open_the_store_is_reported(tmp_path: Path) -> None:
    pool = QueryPool(tmp_path / "no-store-here", size=1, timeout=2)
    try:
        with pytest.raises(workers.QueryCrashed, match="could not open the store"):
            pool.run(LINKAGE[0])
    finally:
        pool.close()
