"""``GET /api/health``: is the graph loaded, how big is it, when was it built."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Depends
from pydantic import BaseModel

from tradekg import queries
from tradekg.graph.query import execute

from ..deps import get_build_info, get_store

router = APIRouter(prefix="/api", tags=["status"])


class Edition(BaseModel):
    edition: int
    title: str
    lines: int


class Health(BaseModel):
    status: str
    triples: int
    built_at: str
    build_seconds: float
    editions: list[Edition]


@router.get("/health", response_model=Health)
def health(
    store: ox.Store = Depends(get_store), info: dict[str, Any] = Depends(get_build_info)
) -> Health:
    """The graph's size (counted now, by the ``triple_count`` query) and its build."""
    solutions = execute(store, queries.load("triple_count").text)
    triples = int(next(iter(solutions))["triples"].value)  # type: ignore[index, arg-type]
    return Health(
        status="ok",
        triples=triples,
        built_at=info["built_at"],
        build_seconds=info["build_seconds"],
        editions=[
            Edition(edition=r["edition"], title=r["title"], lines=r["lines"])
            for r in info["reports"]
        ],
    )
