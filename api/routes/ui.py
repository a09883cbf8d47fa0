"""The browser explorer: ``/`` and ``/ui/…`` pages, drawn by the scripts in ``api/static/``.

Every page is one HTML document holding its data as JSON (``<script type="application/json">``,
built by the same functions the JSON API answers with); ``api/static/app.js`` draws it with DOM
text nodes, so every value from the graph is escaped. Each page's data is also served alone at
the same path with ``.json`` appended — the machine-readable twin. Nothing is fetched from
elsewhere: the scripts and styles are this package's own files.
"""

from __future__ import annotations

import json
from html import escape
from importlib import resources
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from tradekg import queries
from tradekg.graph.workers import QueryPool

from ..deps import get_pool
from . import entities, policies, ui_data
from .exports import VIEW_KINDS, graph_view

router = APIRouter(tags=["browser"], include_in_schema=False)

STATIC_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
SCRIPTS = ("app.js", "graph.js", "chart.js", "resource.js", "sparql.js")
_TITLES = {
    "sectors": "Sectors 行业",
    "regions": "Regions 地区",
    "agencies": "Agencies 机构",
    "agreements": "Agreements 协定",
    "policies": "Policies 政策文件",
}


def _json_for_html(data: Any) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(view: str, title: str, data: Any) -> str:
    """The page shell: header, search, language toggle, the data, the scripts."""
    scripts = "".join(f'<script src="/ui/static/{name}" defer></script>' for name in SCRIPTS)
    return (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · tradekg</title>"
        '<link rel="icon" href="/ui/static/icon.svg">'
        '<link rel="stylesheet" href="/ui/static/app.css">'
        f"{scripts}</head>"
        f'<body data-view="{escape(view)}"><header id="top"></header>'
        f'<main id="app"><h1>{escape(title)}</h1></main>'
        f'<script type="application/json" id="page-data">{_json_for_html(data)}</script>'
        "</body></html>"
    )


async def _page(request: Request, view: str, title: str, gather: Any, *args: Any) -> Response:
    data = await run_in_threadpool(gather, *args)
    if request.url.path.endswith(".json"):
        return JSONResponse(data)
    return HTMLResponse(render(view, title, data))


@router.get("/ui/static/{name}")
def static(name: str) -> Response:
    """The explorer's own scripts, styles and icon (served from the package)."""
    suffix = name[name.rfind(".") :] if "." in name else ""
    folder = resources.files("tradekg.api").joinpath("static")
    if "/" in name or suffix not in STATIC_TYPES or not folder.joinpath(name).is_file():
        raise HTTPException(404, f"no static file '{name}'")
    body = folder.joinpath(name).read_bytes()
    return Response(body, media_type=STATIC_TYPES[suffix], headers={"Cache-Control": "no-cache"})


def _home(pool: QueryPool) -> dict[str, Any]:
    return {"counts": ui_data.counts(pool), "lists": list(ui_data.LISTS)}


@router.get("/")
@router.get("/ui/home.json")
async def home(request: Request, pool: QueryPool = Depends(get_pool)) -> Response:
    """Home: search, what the graph holds, entry points."""
    return await _page(request, "home", "tradekg", _home, pool)


def _search(pool: QueryPool, q: str) -> dict[str, Any]:
    return ui_data.search(pool, q) if q.strip() else {"q": q, "hits": [], "policies": []}


@router.get("/ui/search")
@router.get("/ui/search.json")
async def search_page(
    request: Request,
    q: str = Query("", max_length=200),
    pool: QueryPool = Depends(get_pool),
) -> Response:
    """Search zh and en labels, abbreviations and document titles."""
    return await _page(request, "search", f"搜索 Search: {q}", _search, pool, q.strip())


@router.get("/ui/sparql")
async def sparql_page(request: Request) -> Response:
    """The SPARQL editor with the named queries as one-click examples."""
    examples = [
        {"name": q.name, "summary": q.summary, "text": q.text, "params": [p.name for p in q.params]}
        for q in queries.catalogue().values()
    ]
    return HTMLResponse(render("sparql", "SPARQL", {"examples": examples}))


@router.get("/ui/charts")
@router.get("/ui/charts.json")
async def charts_page(request: Request, pool: QueryPool = Depends(get_pool)) -> Response:
    """Yearly series and comparisons across partners or regions."""
    return await _page(request, "charts", "图表 Charts", ui_data.charts, pool)


def _list(pool: QueryPool, plural: str) -> dict[str, Any]:
    return {
        "kind": ui_data.LISTS[plural],
        "items": ui_data.entity_list(pool, ui_data.LISTS[plural]),
    }


@router.get("/ui/{plural}")
async def list_page(plural: str, request: Request, pool: QueryPool = Depends(get_pool)) -> Response:
    """Every sector, region, agency, agreement or document (``/ui/sectors``…; ``.json`` too)."""
    key = plural.removesuffix(".json")
    if key not in ui_data.LISTS:
        raise HTTPException(404, f"no page '/ui/{plural}'")
    return await _page(request, "list", _TITLES[key], _list, pool, key)


def _lines(*groups: Any) -> set[int]:
    found: set[int] = set()
    for group in groups:
        for item in group:
            line = item.get("line") if isinstance(item, dict) else getattr(item, "line", None)
            if line:
                found.add(int(line))
    return found


def _policy(pool: QueryPool, key: str) -> dict[str, Any]:
    linkage = policies.get_linkage(key, pool)
    evidence = [e for t in linkage.targets for e in t.evidence]
    lines = _lines(linkage.policy.mentions, evidence, linkage.outcomes)
    return {
        "kind": "policy",
        "linkage": linkage.model_dump(),
        "view": graph_view(pool, "policy", key),
        "cite": ui_data.citations(pool, lines),
    }


def _agreement(pool: QueryPool, key: str) -> dict[str, Any]:
    agreement = policies.get_agreement(key, pool)
    return {
        "kind": "agreement",
        "agreement": agreement.model_dump(),
        "view": graph_view(pool, "agreement", key),
        "cite": ui_data.citations(pool, _lines(agreement.outcomes)),
        "charts": ui_data.charts(pool, agreement.iri),
    }


def _entity(pool: QueryPool, kind: str, key: str) -> dict[str, Any]:
    plural = {"sector": "sectors", "region": "regions", "agency": "agencies"}[kind]
    entity = entities.lookup(pool, plural, key)
    return {
        "kind": kind,
        "entity": entity.model_dump(),
        "view": graph_view(pool, kind, key),
        "cite": ui_data.citations(pool, _lines(entity.evidence)),
        "charts": ui_data.charts(pool, entity.iri) if kind != "agency" else None,
    }


def gather(pool: QueryPool, kind: str, key: str) -> dict[str, Any]:
    """The data of one resource's page: the resource, its graph view, citations, charts."""
    if kind == "policy":
        return _policy(pool, key)
    if kind == "agreement":
        return _agreement(pool, key)
    return _entity(pool, kind, key)


@router.get("/ui/{kind}/{key}")
async def resource_page(
    kind: str, key: str, request: Request, pool: QueryPool = Depends(get_pool)
) -> Response:
    """A policy, sector, region, agency or agreement: labels in zh and en, facts with quotes
    and citations, and the interactive graph of what it links to."""
    key = key.removesuffix(".json")
    if kind not in VIEW_KINDS:
        raise HTTPException(404, f"no page for '{kind}' (one of {', '.join(VIEW_KINDS)})")
    return await _page(request, "resource", key, gather, pool, kind, key)
