"""The FastAPI application: opens the store and the query pool at start-up, wires the routers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pyoxigraph as ox
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from tradekg.graph import backends, store
from tradekg.graph.remote import Endpoint
from tradekg.graph.workers import QueryPool

from . import errors
from .limits import BodyLimit
from .routes import audit, dereference, entities, health, lookups, policies, sparql
from .routes.exports import router as exports_router
from .routes.ui import router as ui_router
from .settings import Settings


def create_app(
    data_dir: Path, settings: Settings | None = None, endpoint: Endpoint | None = None
) -> FastAPI:
    """An app serving the current build in ``data_dir`` (read-only) within ``settings``' limits,
    or, given an ``endpoint``, the graphs loaded into that SPARQL server."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if endpoint is not None:
            app.state.pool = backends.open_remote(endpoint, settings.query_timeout)
            app.state.store = None
            app.state.build_info = backends.build_info(data_dir)
            app.state.graphs = frozenset(app.state.pool.graphs)
            app.state.settings = settings
            yield
            return
        build = store.current_build(data_dir)
        app.state.store = store.open_store(data_dir)
        app.state.build_info = store.read_build_info(data_dir)
        app.state.graphs = frozenset(
            g.value for g in app.state.store.named_graphs() if isinstance(g, ox.NamedNode)
        )
        app.state.settings = settings
        app.state.pool = QueryPool(
            build / "store", size=settings.query_workers, timeout=settings.query_timeout
        )
        try:
            yield
        finally:
            app.state.pool.close()

    app = FastAPI(
        title="tradekg",
        summary="A knowledge graph of China's trade in services: SPARQL endpoint and JSON API.",
        version="0.1.0",
        lifespan=lifespan,
    )
    errors.install(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    # Read-only, so cross-origin pages may query freely (POST too: YASGUI posts by default).
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST"],
        allow_headers=["Accept", "Content-Type"],
        expose_headers=["X-Result-Truncated", "X-Result-Rows"],
    )
    app.include_router(health.router)
    app.include_router(sparql.router)
    app.include_router(lookups.router)
    app.include_router(policies.router)
    app.include_router(entities.router)
    app.include_router(dereference.router)
    app.include_router(audit.router)
    # The explorer last: its / and /ui/… paths never shadow /api, /sparql or /id.
    app.include_router(exports_router)
    app.include_router(ui_router)
    return app
