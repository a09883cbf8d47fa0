"""What the explorer's pages show, gathered from the named queries (no HTML here).

Each function returns plain JSON-ready data that ``api/routes/ui.py`` embeds in a page for the
page's script to draw: counts for the home page, lists of each kind, search hits, citations
(chapter, section and table-of-contents page of a line), and the yearly series and cross-region
comparisons the charts draw.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_right
from collections import defaultdict
from typing import Any

from tradekg import ontology
from tradekg.graph.workers import QueryPool

from .. import named
from .exports import ui_href

CAP = 5000
Row = dict[str, str | None]
#: list pages: URL plural → IRI segment
LISTS = {
    "sectors": "sector",
    "regions": "region",
    "agencies": "agency",
    "agreements": "agreement",
    "policies": "policy",
}
_MIN_POINTS = 3
#: rows of whole-graph queries, per pool: the served store is read-only for the app's life
_CACHE: weakref.WeakKeyDictionary[QueryPool, dict[str, list[Row]]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def _static_rows(pool: QueryPool, name: str, params: dict[str, str] | None = None) -> list[Row]:
    """The rows of a query over the whole graph, run once per pool (charts and citations
    read the same few thousand rows on every page)."""
    key = f"{name}?{sorted((params or {}).items())}"
    with _LOCK:
        cached = _CACHE.setdefault(pool, {}).get(key)
    if cached is None:
        cached = named.rows(pool, name, params or {}, cap=CAP).rows
        with _LOCK:
            _CACHE[pool][key] = cached
    return cached


def _base() -> str:
    return ontology.base_iri() + "id/"


def counts(pool: QueryPool) -> dict[str, int]:
    """How many resources of each kind (by IRI segment) and observations the graph holds."""
    rows = named.rows(pool, "ui_counts", {"base": _base()}, cap=200).rows
    return {r["kind"] or "": int(r["n"] or 0) for r in rows}


def entity_list(pool: QueryPool, segment: str) -> list[dict[str, Any]]:
    """Every labelled resource minted under ``segment`` (``sector``…), for a list page."""
    if segment == "policy":
        rows = named.rows(pool, "policies", {}, cap=CAP).rows
        seen: dict[str, dict[str, Any]] = {}
        for r in rows:
            iri = r["policy"] or ""
            seen.setdefault(iri, _item(iri, r["title"], None, r.get("date"), None))
        return list(seen.values())
    found = named.rows(pool, "ui_entities", {"base": _base(), "kind": segment}, cap=CAP).rows
    return [
        _item(r["entity"] or "", r["labelZh"], r["labelEn"], r["notation"], r["broader"])
        for r in found
    ]


def _item(iri: str, zh: str | None, en: str | None, note: str | None, parent: str | None) -> dict:
    return {
        "iri": iri,
        "href": ui_href(iri),
        "label_zh": zh,
        "label_en": en,
        "note": note,
        "parent": parent,
    }


def search(pool: QueryPool, q: str, limit: int = 50) -> dict[str, Any]:
    """Resources whose zh or en label or abbreviation contains ``q``, and documents whose
    title does (document titles are not labels, so they are looked up apart)."""
    hits: dict[str, dict[str, Any]] = {}
    for r in named.rows(pool, "search", {"q": q}, cap=2000).rows:
        iri = r["entity"] or ""
        if iri not in hits and len(hits) < limit and ui_href(iri):
            hits[iri] = {**_item(iri, r["prefZh"], r["prefEn"], r["label"], None)}
    found: dict[str, dict[str, Any]] = {}
    for r in named.rows(pool, "policies", {"q": q}, cap=CAP).rows:
        iri = r["policy"] or ""
        found.setdefault(iri, _item(iri, r["title"], None, r.get("date"), None))
    return {"q": q, "hits": list(hits.values()), "policies": list(found.values())[:limit]}


def citations(pool: QueryPool, lines: set[int]) -> dict[str, dict[str, Any]]:
    """For each line, the chapter and section holding it and the chapter's page in the
    report's table of contents (``{"583": {"chapter": …, "section": …, "page": 74}}``)."""
    rows = _static_rows(pool, "report_outline")
    spans: dict[str, list[tuple[int, int, Row]]] = defaultdict(list)
    for r in rows:
        if r["kind"] in ("chapter", "section") and r["startLine"]:
            spans[r["kind"] or ""].append((int(r["startLine"]), int(r["endLine"] or 0), r))
    for found in spans.values():
        found.sort(key=lambda s: s[0])
    cited: dict[str, dict[str, Any]] = {}
    for line in sorted(lines):
        chapter = _holding(spans["chapter"], line)
        section = _holding(spans["section"], line)
        cited[str(line)] = {
            "chapter": chapter["title"] if chapter else None,
            "section": section["title"] if section else None,
            "page": int(chapter["tocPage"]) if chapter and chapter["tocPage"] else None,
        }
    return cited


def _holding(spans: list[tuple[int, int, Row]], line: int) -> Row | None:
    index = bisect_right([s[0] for s in spans], line) - 1
    if index >= 0 and spans[index][1] >= line:
        return spans[index][2]
    return None


def labels(pool: QueryPool) -> dict[str, dict[str, str | None]]:
    """zh and en labels of every sector and region (chart legends name them)."""
    found: dict[str, dict[str, str | None]] = {}
    for segment in ("sector", "region"):
        for r in _static_rows(pool, "ui_entities", {"base": _base(), "kind": segment}):
            found[r["entity"] or ""] = {"zh": r["labelZh"], "en": r["labelEn"]}
    return found


def charts(pool: QueryPool, about: str | None = None) -> dict[str, Any]:
    """Yearly series (one line per sector/area/partner, flow, measure and unit with at least
    three years) and comparisons (one bar per partner or area, for one sector, flow, measure,
    unit and year, at least three bars); only those involving ``about`` when given."""
    rows = _static_rows(pool, "ui_series")
    if about:
        rows = [r for r in rows if about in (r["sector"], r["area"], r["partner"])]
    names = labels(pool)
    return {
        "series": _series(rows, names),
        "comparisons": _comparisons(rows, names, "partner") + _comparisons(rows, names, "area"),
    }


def _name(names: dict[str, dict[str, str | None]], iri: str | None) -> dict[str, str | None]:
    return names.get(iri or "", {"zh": None, "en": None})


def _point(r: Row, x: str) -> dict[str, Any]:
    return {"x": x, "y": float(r["value"] or 0), "line": int(r["line"] or 0), "quote": r["quote"]}


def _series(rows: list[Row], names: dict[str, dict[str, str | None]]) -> list[dict[str, Any]]:
    groups: dict[tuple, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in rows:
        key = (r["sector"], r["area"], r["partner"], r["flow"], r["measure"], r["unit"])
        groups[key].setdefault(r["year"] or "", _point(r, r["year"] or ""))
    out = []
    for (sector, area, partner, flow, measure, unit), points in groups.items():
        if len(points) >= _MIN_POINTS:
            out.append(
                {
                    "sector": _name(names, sector),
                    "area": _name(names, area),
                    "partner": _name(names, partner),
                    "flow": flow,
                    "measure": measure,
                    "unit": unit,
                    "points": sorted(points.values(), key=lambda p: p["x"]),
                }
            )
    return sorted(out, key=lambda s: -len(s["points"]))


def _comparisons(
    rows: list[Row], names: dict[str, dict[str, str | None]], by: str
) -> list[dict[str, Any]]:
    groups: dict[tuple, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in rows:
        if r[by] and not (by == "area" and r["partner"]):
            key = (r["sector"], r["flow"], r["measure"], r["unit"], r["year"])
            label = _name(names, r[by])
            groups[key].setdefault(r[by] or "", {**_point(r, r[by] or ""), "label": label})
    out = []
    for (sector, flow, measure, unit, year), bars in groups.items():
        if len(bars) >= _MIN_POINTS:
            out.append(
                {
                    "by": by,
                    "sector": _name(names, sector),
                    "flow": flow,
                    "measure": measure,
                    "unit": unit,
                    "year": year,
                    "bars": sorted(bars.values(), key=lambda b: -b["y"]),
                }
            )
    return sorted(out, key=lambda c: -len(c["bars"]))
