"""The two stores the API can serve from, behind one interface.

The API runs every query as a QueryJob and gets back a QueryAnswer. The embedded store does
that in killable worker processes (graph/workers.py ``QueryPool``); a remote SPARQL 1.1 server
does it over HTTP (graph/remote.py ``RemoteRunner``). Both bind parameters the same way, cut at
the same row cap, stop at the same time limit and raise the same error classes, so routes do
not know which one they talk to.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from tradekg import ontology

from . import store
from .remote import Endpoint, RemoteError, RemoteRunner, dataset_graphs
from .workers import QueryAnswer, QueryJob


class QueryRunner(Protocol):
    """What the API needs from a store: run a job within the time limit, and stop."""

    timeout: float

    def run(self, job: QueryJob) -> QueryAnswer: ...

    def close(self) -> None: ...


def graph_prefix() -> str:
    """Where tradekg's named graphs live: ``{base}graph/`` (ontology, one per edition)."""
    return ontology.base_iri() + "graph/"


def open_remote(endpoint: Endpoint, timeout: float) -> RemoteRunner:
    """A runner over the tradekg graphs the server holds; RemoteError when it holds none or
    cannot be reached."""
    prefix = graph_prefix()
    graphs = dataset_graphs(endpoint, prefix, timeout)
    if not graphs:
        raise RemoteError(
            f"the SPARQL server at {endpoint.query_url} holds no graph under {prefix}: "
            f"run `tradekg load --endpoint {endpoint.query_url} …` first"
        )
    return RemoteRunner(endpoint, graphs, timeout)


def build_info(data_dir: Path) -> dict[str, Any]:
    """What /api/health reports about the build when serving from a server: the local build's
    ``build.json`` (normally the build that was loaded), else an empty record."""
    try:
        return store.read_build_info(data_dir)
    except (store.StoreMissing, OSError, json.JSONDecodeError):
        return {"built_at": "", "build_seconds": 0.0, "reports": []}
