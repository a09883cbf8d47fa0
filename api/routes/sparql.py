"""``/sparql``: the SPARQL 1.1 Protocol query endpoint (read-only)."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response

from tradekg.graph.guard import QueryRejected
from tradekg.graph.query import execute, serialize

from ..deps import get_store

router = APIRouter(tags=["sparql"])

SPARQL_JSON = "application/sparql-results+json"
TURTLE = "text/turtle"


@router.get("/sparql")
def sparql_get(
    query: str = Query(..., description="A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE)"),
    store: ox.Store = Depends(get_store),
) -> Response:
    """Run a query: SPARQL JSON results for SELECT and ASK, Turtle for CONSTRUCT and DESCRIBE."""
    try:
        result = execute(store, query)
        is_graph = isinstance(result, ox.QueryTriples)
        body = serialize(result, "turtle" if is_graph else "json")
    except QueryRejected as error:
        raise HTTPException(error.status, str(error)) from None
    except SyntaxError as error:
        raise HTTPException(400, f"query does not parse: {str(error).splitlines()[0]}") from None
    return Response(body, media_type=TURTLE if is_graph else SPARQL_JSON)
