"""What routes depend on: the store, its build, the query pool and the limits (swappable in tests)."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from fastapi import HTTPException, Request

from tradekg.graph.workers import QueryPool

from .settings import Settings


def get_store(request: Request) -> ox.Store:
    """The store the app opened at start-up (read-only; for small in-process reads); 501 when
    the app serves a remote SPARQL server, which has no local store to read whole."""
    if request.app.state.store is None:
        raise HTTPException(
            501,
            "whole-graph export is not served from a remote SPARQL server: read its graphs "
            "with the server's Graph Store Protocol GET, or run `tradekg export` on the build",
        )
    return request.app.state.store  # type: ignore[no-any-return]


def get_build_info(request: Request) -> dict[str, Any]:
    """The ``build.json`` of the build being served."""
    return request.app.state.build_info  # type: ignore[no-any-return]


def get_pool(request: Request) -> QueryPool:
    """The query worker pool: run every user-facing query here (time-limited, killable)."""
    return request.app.state.pool  # type: ignore[no-any-return]


def get_settings(request: Request) -> Settings:
    """The limits the app was started with."""
    return request.app.state.settings  # type: ignore[no-any-return]


def get_graphs(request: Request) -> frozenset[str]:
    """IRIs of the dataset's named graphs (the only graphs a query may name)."""
    return request.app.state.graphs  # type: ignore[no-any-return]
