"""``GET /api/health``: is the graph loaded, how big is it, when was it built."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from tradekg.graph.workers import QueryPool

from .. import named
from ..deps import get_build_info, get_pool

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
    pool: QueryPool = Depends(get_pool), info: dict[str, Any] = Depends(get_build_info)
) -> Health:
    """The graph's size (counted now, by the ``triple_count`` query in a query worker, so a
    health check also proves the workers answer) and its build."""
    triples = int(named.rows(pool, "triple_count", {}, cap=1).rows[0]["triples"] or 0)
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
