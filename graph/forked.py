"""Work in forked processes: editions prepared side by side, validation beside the store write.

A forked child inherits the parent's memory, so the graphs and functions it works on are never
pickled: only results travel back, through a pipe. The children use rdflib and pyshacl, which
hold no threads or locks of their own; pyoxigraph stores are only touched in the process that
made them.
"""

from __future__ import annotations

import multiprocessing
import pickle
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_context = multiprocessing.get_context("fork")


class ChildFailed(RuntimeError):
    """Work in a forked process raised or died: the message is the child's error, the
    ``details`` its whole traceback."""

    def __init__(self, details: str) -> None:
        lines = details.strip().splitlines()
        super().__init__(lines[-1] if lines else "a child process failed")
        self.details = details

    def __reduce__(self) -> tuple[type[ChildFailed], tuple[str]]:
        return ChildFailed, (self.details,)


def in_order(work: Callable[[T], R], items: Sequence[T], processes: int) -> Iterator[R]:
    """``work`` applied to each item in ``processes`` forked workers, results in item order.

    Worker ``k`` takes items ``k``, ``k + processes``, … and sends each result down its own
    pipe, so item ``i`` is read from worker ``i % processes``: no shared queue or lock that a
    failing worker could leave held. A worker waits while its finished result is unread, which
    keeps at most one result per worker in flight. The first failure is raised and every
    worker stopped.
    """
    count = min(processes, len(items))
    if count <= 1:
        yield from map(work, items)
        return
    workers = []
    try:
        for k in range(count):
            workers.append(_fork(work, items[k::count]))
        for index in range(len(items)):
            yield _receive(*workers[index % count])
    finally:
        for worker in workers:
            _stop(*worker)


def _fork(work: Callable[[Any], Any], items: Sequence[Any]) -> tuple[Connection, Any]:
    """A forked child sending ``work(item)`` for each item down a pipe; the pipe's end and
    the child."""
    receiving, sending = _context.Pipe(duplex=False)
    child = _context.Process(target=_send_each, args=(work, items, sending), daemon=True)
    child.start()
    sending.close()
    return receiving, child


def _stop(receiving: Connection, child: Any) -> None:
    if child.is_alive():
        child.kill()
    child.join()
    receiving.close()


def _send_each(work: Callable[[Any], Any], items: Sequence[Any], sending: Connection) -> None:
    try:
        for item in items:
            try:
                sending.send((False, work(item)))
            except Exception as error:
                sending.send((True, _portable(error)))
                return
    finally:
        sending.close()


@contextmanager
def in_background(work: Callable[[], R]) -> Iterator[Callable[[], R]]:
    """Run ``work`` in a forked child while the block runs; the block gets a function that
    waits for the child and returns its result (or raises :class:`ChildFailed`)."""
    receiving, child = _fork(lambda _: work(), [None])
    try:
        yield lambda: _receive(receiving, child)
    finally:
        _stop(receiving, child)


def _portable(error: Exception) -> Exception:
    """The child's exception itself when it survives pickling (so the parent can tell a bad
    report from a bug), else a ChildFailed with its traceback."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return ChildFailed("".join(traceback.format_exception(error)))
    return error


def _receive(receiving: Connection, child: Any) -> Any:
    try:
        failure, result = receiving.recv()
    except EOFError:
        child.join()
        raise ChildFailed(
            f"the child process ended without a result (exit {child.exitcode})"
        ) from None
    if failure:
        raise result
    return result
