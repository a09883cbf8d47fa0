"""The FastAPI application: opens the store at start-up and wires one router per resource."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from tradekg.graph import store

from .routes import health, sparql


def create_app(data_dir: Path) -> FastAPI:
    """An app serving the current build in ``data_dir`` (read-only)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = store.open_store(data_dir)
        app.state.build_info = store.read_build_info(data_dir)
        yield

    app = FastAPI(
        title="tradekg",
        summary="A knowledge graph of China's trade in services: SPARQL endpoint and JSON API.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.include_router(health.router)
    app.include_router(sparql.router)
    return app
