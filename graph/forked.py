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
#: The job of the pool being run: set before the pool forks, so workers inherit it.
_job: list[tuple[Callable[[Any], Any], Sequence[Any]]] = []


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
    """``work`` applied to each item in ``processes`` forked workers, results in item order."""
    if processes <= 1 or len(items) <= 1:
        yield from map(work, items)
        return
    _job[:] = [(work, items)]
    try:
        with _context.Pool(min(processes, len(items))) as pool:
            for failure, result in pool.imap(_run_job, range(len(items))):
                if failure:
                    raise result
                yield result
    finally:
        _job.clear()


def _run_job(index: int) -> tuple[bool, Any]:
    work, items = _job[0]
    try:
        return False, work(items[index])
    except Exception as error:
        return True, _portable(error)


@contextmanager
def in_background(work: Callable[[], R]) -> Iterator[Callable[[], R]]:
    """Run ``work`` in a forked child while the block runs; the block gets a function that
    waits for the child and returns its result (or raises :class:`ChildFailed`)."""
    receiving, sending = _context.Pipe(duplex=False)
    child = _context.Process(target=_send_result, args=(work, sending), daemon=True)
    child.start()
    sending.close()
    try:
        yield lambda: _receive(receiving, child)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiving.close()


def _send_result(work: Callable[[], Any], sending: Connection) -> None:
    try:
        sending.send((False, work()))
    except Exception as error:
        sending.send((True, _portable(error)))
    finally:
        sending.close()


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
