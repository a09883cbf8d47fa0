"""A pool of query worker processes that can be killed: the only way to stop a SPARQL query.

Neither pyoxigraph nor rdflib can cancel a running query, and a hostile query can crash the
process that runs it (deep nesting segfaults pyoxigraph). So each query runs in a worker
*process* that opened the store read-only; a store of up to ``MEMORY_QUADS`` quads is copied
into the worker's memory, where the API's lookups ran 2.5–4× faster than on the store on disk.
The worker consumes the result and serialises it (a pyoxigraph result must be read where it
was made); only bytes cross back. A page that needs several lookups sends them together
(``run_many``): one round trip and one wait for a free worker instead of one per lookup. A
worker that passes the time limit is killed and replaced, and so is one that died; the pool
keeps answering other queries meanwhile, one job or batch per worker at a time.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import signal
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .query import bind
from .results import write_boolean, write_solutions, write_triples

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0
DEFAULT_ROW_CAP = 10_000
#: Stores of at most this many quads are held in each worker's memory (measured: ~400 bytes a
#: quad, ~650 while copying, so ~120 MB more per worker at the limit); larger ones stay on disk.
MEMORY_QUADS = 300_000
#: Seconds a new worker may take to open (and copy) the store before it counts as dead.
START_TIMEOUT = 120.0
_READY = "ready"


class QueryError(Exception):
    """A query that did not produce an answer; ``status`` is the HTTP status that fits."""

    status = 500


class QueryParseError(QueryError, SyntaxError):
    """The engine could not parse the query; the message is the parser's, on one line."""

    status = 400


class QueryFailed(QueryError):
    """The query parsed but the engine refused to evaluate it (e.g. an unprojected parameter)."""

    status = 400


class QueryTimeout(QueryError):
    """The query ran past the time limit; its worker was killed."""

    status = 503


class QueryCrashed(QueryError):
    """The worker running the query died (the engine crashed); it was replaced."""

    status = 500


class PoolBusy(QueryError):
    """Every worker stayed busy for as long as a query may run."""

    status = 503


@dataclass(frozen=True)
class QueryJob:
    """A query to run in a worker, with how to bind, scope, cap and write its result."""

    query: str
    params: dict[str, str] = field(default_factory=dict)
    result_format: str = "json"
    graph_format: str = "turtle"
    row_cap: int = DEFAULT_ROW_CAP
    union_default_graph: bool = True
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    prefixes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QueryAnswer:
    """A serialised result: its kind (solutions, boolean, triples), format, size and cut."""

    kind: str
    fmt: str
    body: bytes
    rows: int
    truncated: bool


@dataclass(frozen=True)
class _Failure:
    phase: str
    message: str


def first_line(error: BaseException, limit: int = 300) -> str:
    """The first line of an error message, shortened: what a person needs, not a dump."""
    text = str(error).strip()
    line = text.splitlines()[0] if text else type(error).__name__
    return line if len(line) <= limit else line[: limit - 1] + "…"


def run_job(store: ox.Store, job: QueryJob) -> QueryAnswer:
    """Run ``job`` on ``store`` and serialise at most ``job.row_cap`` rows of its result."""
    result = store.query(bind(job.query, job.params), **_dataset(job))
    cap = job.row_cap
    if isinstance(result, ox.QueryBoolean):
        body = write_boolean(bool(result), job.result_format)
        return QueryAnswer("boolean", job.result_format, body, 1, False)
    if isinstance(result, ox.QueryTriples):
        triples = list(islice(result, cap + 1))
        cut = len(triples) > cap
        body = write_triples(triples[:cap], job.graph_format, cap if cut else None, job.prefixes)
        return QueryAnswer("triples", job.graph_format, body, min(len(triples), cap), cut)
    variables = [v.value for v in result.variables]
    rows = [[s[v] for v in variables] for s in islice(result, cap + 1)]
    cut = len(rows) > cap
    body = write_solutions(variables, rows[:cap], job.result_format, cap if cut else None)
    return QueryAnswer("solutions", job.result_format, body, min(len(rows), cap), cut)


def _dataset(job: QueryJob) -> dict[str, Any]:
    """The protocol's dataset beats the query's FROM, which beats the union default graph."""
    if job.default_graphs is not None or job.named_graphs is not None:
        return {
            "default_graph": [ox.NamedNode(g) for g in job.default_graphs or ()],
            "named_graphs": [ox.NamedNode(g) for g in job.named_graphs or ()],
        }
    return {"use_default_graph_as_union": job.union_default_graph}


def open_for_queries(store_path: str, memory_quads: int = MEMORY_QUADS) -> ox.Store:
    """The store at ``store_path`` opened read-only, copied into memory when it holds at most
    ``memory_quads`` quads (the copy answers the same queries, several times faster)."""
    disk = ox.Store.read_only(store_path)
    if len(disk) > memory_quads:
        return disk
    memory = ox.Store()
    memory.bulk_extend(disk)
    return memory


def run_jobs(store: ox.Store, jobs: Sequence[QueryJob]) -> list[QueryAnswer] | _Failure:
    """Every job's answer in order, or the failure of the first job that has none."""
    answers = []
    for job in jobs:
        try:
            answers.append(run_job(store, job))
        except SyntaxError as error:
            return _Failure("parse", first_line(error))
        except Exception as error:
            return _Failure("evaluate", first_line(error))
    return answers


def _worker_main(conn: Connection, store_path: str, memory_quads: int) -> None:
    """A worker's life: open the store and say so, then answer batches of jobs until the pipe
    closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        store = open_for_queries(store_path, memory_quads)
    except Exception as error:
        conn.send(_Failure("open", first_line(error)))
        return
    conn.send(_READY)
    while True:
        try:
            jobs = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(run_jobs(store, jobs))


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False


class QueryPool:
    """``size`` worker processes reading the store at ``store_path``, each round trip
    time-limited; each worker holds the store in memory up to ``memory_quads`` quads."""

    def __init__(
        self,
        store_path: Path,
        size: int = 2,
        timeout: float = DEFAULT_TIMEOUT,
        memory_quads: int = MEMORY_QUADS,
    ) -> None:
        self.store_path = str(store_path)
        self.size = size
        self.timeout = timeout
        self.memory_quads = memory_quads
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._start())

    def run(self, job: QueryJob) -> QueryAnswer:
        """Run ``job`` on the next free worker; QueryError subclasses say why there is no answer."""
        return self.run_many([job])[0]

    def run_many(self, jobs: Sequence[QueryJob]) -> list[QueryAnswer]:
        """Run ``jobs`` one after the other on the next free worker, in one round trip and
        within one time limit; the first job without an answer raises as ``run`` would."""
        worker = self._checkout()
        self._wait_ready(worker)
        started = time.monotonic()
        try:
            worker.conn.send(tuple(jobs))
            if not worker.conn.poll(self.timeout):
                self._replace(worker, "timed out")
                raise QueryTimeout(
                    f"the query ran past the {self.timeout:g} s time limit and was stopped"
                )
            reply = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker, "died")
            raise QueryCrashed(
                f"the query worker died after {time.monotonic() - started:.1f} s (the engine "
                "crashed on this query); it was replaced, other queries are unaffected"
            ) from None
        self._idle.put(worker)
        if isinstance(reply, _Failure):
            if reply.phase == "parse":
                raise QueryParseError(f"query does not parse: {reply.message}")
            raise QueryFailed(f"query could not run: {reply.message}")
        return reply  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop every worker (the pool cannot be used afterwards)."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            _stop(worker)

    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and monitoring)."""
        with self._lock:
            return [w.process.pid for w in self._all if w.process.pid is not None]

    def _checkout(self) -> _Worker:
        try:
            return self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise PoolBusy(
                f"all {self.size} query workers stayed busy for {self.timeout:g} s; try again"
            ) from None

    def _wait_ready(self, worker: _Worker) -> None:
        """Wait for a new worker to have opened the store: start-up is not a query's time."""
        if worker.ready:
            return
        try:
            said = worker.conn.recv() if worker.conn.poll(START_TIMEOUT) else None
        except (EOFError, OSError):
            said = None
        if said != _READY:
            self._replace(worker, "did not start")
            why = said.message if isinstance(said, _Failure) else "no answer"
            raise QueryCrashed(f"a query worker could not open the store ({why}); it was replaced")
        worker.ready = True

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main,
            args=(theirs, self.store_path, self.memory_quads),
            daemon=True,
        )
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker, why: str) -> None:
        log.warning("query worker %s %s; starting another", worker.process.pid, why)
        with self._lock:
            self._all.discard(worker)
            closed = self._closed
        _stop(worker)
        if not closed:
            self._idle.put(self._start())


def _stop(worker: _Worker) -> None:
    worker.process.kill()
    worker.process.join(timeout=5)
    worker.conn.close()
