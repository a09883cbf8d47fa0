"""The embedded store: a data directory of builds, the switch to a new one, and read access.

Layout of a data directory::

    DATA_DIR/
      builds/<stamp>/store/      a pyoxigraph (RocksDB) store
      builds/<stamp>/build.json  what was built from what, when, and how it validated
      current -> builds/<stamp>  the last good build, switched atomically

A build writes into a fresh ``builds/<stamp>`` and only a validated build becomes ``current``,
so a failed or interrupted build leaves the last good graph untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

CURRENT = "current"
BUILDS = "builds"
KEEP_BUILDS = 3
DEFAULT_DATA_DIR = Path.home() / ".local" / "share" / "tradekg"


class StoreMissing(FileNotFoundError):
    """No built graph in the data directory yet."""


def default_data_dir() -> Path:
    """``$TRADEKG_DATA_DIR``, else ``~/.local/share/tradekg``."""
    configured = os.environ.get("TRADEKG_DATA_DIR")
    return Path(configured).expanduser() if configured else DEFAULT_DATA_DIR


def current_build(data_dir: Path) -> Path:
    """The directory of the last good build; StoreMissing when there is none."""
    link = data_dir / CURRENT
    if not (link / "store").is_dir():
        raise StoreMissing(f"no graph built in {data_dir}: run `tradekg build` first")
    return link.resolve()


def read_build_info(data_dir: Path) -> dict[str, Any]:
    """The ``build.json`` of the current build."""
    return json.loads((current_build(data_dir) / "build.json").read_text(encoding="utf-8"))


def open_store(data_dir: Path) -> ox.Store:
    """The current build's store, opened read-only (several processes may read at once)."""
    return ox.Store.read_only(str(current_build(data_dir) / "store"))


@contextmanager
def new_build(data_dir: Path) -> Iterator[Path]:
    """A fresh build directory; removed again if the block raises, so failures leave no trace."""
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    build = data_dir / BUILDS / stamp
    build.mkdir(parents=True)
    try:
        yield build
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise


def write_store(build: Path, graphs: dict[str, Graph]) -> int:
    """Load each named graph into a new store under ``build``; returns the number of quads."""
    store = ox.Store(str(build / "store"))
    for name, graph in graphs.items():
        data = graph.serialize(format="nt", encoding="utf-8")
        store.bulk_load(data, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    store.flush()
    count = len(store)
    del store
    return count


def write_build_info(build: Path, info: dict[str, Any]) -> None:
    (build / "build.json").write_text(json.dumps(info, ensure_ascii=False, indent=2), "utf-8")


def switch_current(data_dir: Path, build: Path) -> None:
    """Point ``current`` at ``build`` in one atomic rename, then prune old builds."""
    temporary = data_dir / f".{CURRENT}.{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(Path(BUILDS) / build.name)
    os.replace(temporary, data_dir / CURRENT)
    _prune(data_dir, keep=build.name)


def _prune(data_dir: Path, keep: str) -> None:
    builds = sorted(p for p in (data_dir / BUILDS).iterdir() if p.is_dir())
    finished = [p for p in builds if (p / "build.json").is_file() and p.name != keep]
    for old in finished[: max(0, len(finished) - (KEEP_BUILDS - 1))]:
        shutil.rmtree(old, ignore_errors=True)
