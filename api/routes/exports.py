"""Graph views and exports: what the explorer draws, and the same as files for desktop tools.

``graph_view(pool, kind, id)`` is the one function behind the page's graph and the exports: it
asks the JSON API's own lookups (linkage, reverse lookup, agreement) and shapes the answer as
``{"nodes": [...], "edges": [...]}``. ``/api/graph/{kind}/{id}`` serves it as JSON,
``/api/export/{kind}/{id}?format=graphml|gexf|cyjs`` writes it through networkx, and
``/api/export?format=…`` writes the whole graph (also RDF: ttl, jsonld, nt).
"""

from __future__ import annotations

from typing import Any, Literal

import pyoxigraph as ox
from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from tradekg import ontology
from tradekg.graph.networkx_export import (
    MEDIA_TYPES,
    GraphFormat,
    export_store,
    view_to_networkx,
    write_graph,
)
from tradekg.graph.workers import QueryPool

from ..deps import get_pool, get_store
from . import entities, policies

router = APIRouter(prefix="/api", tags=["exports"])

View = dict[str, list[dict[str, Any]]]
VIEW_KINDS = ("policy", "sector", "region", "agreement", "agency")
_PLURAL = {"sector": "sectors", "region": "regions", "agency": "agencies"}


def ui_href(iri: str) -> str | None:
    """The explorer's page for one of the graph's IRIs (``…/id/sector/SI`` → ``/ui/sector/SI``).

    >>> ui_href(ontology.base_iri() + "id/sector/SI")
    '/ui/sector/SI'
    >>> ui_href(ontology.base_iri() + "id/report/2023/observation/57-9") is None
    True
    """
    prefix = ontology.base_iri() + "id/"
    if not iri.startswith(prefix):
        return None
    kind, _, key = iri[len(prefix) :].partition("/")
    return f"/ui/{kind}/{key}" if kind in VIEW_KINDS and key and "/" not in key else None


class _Builder:
    """Collects nodes (once each, by IRI) and edges (once each, by ends and kind)."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def node(self, iri: str, kind: str, zh: str | None, en: str | None, **extra: Any) -> str:
        found = self.nodes.setdefault(
            iri, {"id": iri, "kind": kind, "label_zh": zh or en or iri, "label_en": en or zh}
        )
        found.setdefault("href", ui_href(iri))
        found.update({k: v for k, v in extra.items() if v is not None})
        return iri

    def edge(self, source: str, target: str, kind: str, basis: str = "", **extra: Any) -> None:
        edge = self.edges.setdefault(
            (source, target, kind),
            {"source": source, "target": target, "kind": kind, "basis": ""},
        )
        if basis and basis not in edge["basis"].split(", "):
            edge["basis"] = ", ".join(b for b in (edge["basis"], basis) if b)
        for key, value in extra.items():
            edge.setdefault(key, value)

    def view(self) -> View:
        return {"nodes": list(self.nodes.values()), "edges": list(self.edges.values())}


def _outcome(b: _Builder, source: str, outcome: Any, basis: str) -> None:
    label = f"{outcome.subject_zh} {outcome.period} {outcome.value:g}{outcome.unit}"
    node = b.node(
        outcome.iri,
        "observation",
        label,
        label,
        measure=outcome.measure,
        flow=outcome.flow,
        period=outcome.period,
        value=outcome.value,
        unit=outcome.unit,
        quote=outcome.quote,
        line=outcome.line,
    )
    b.edge(source, node, "outcome", basis)


def policy_view(linkage: policies.Linkage) -> View:
    """A policy, its issuers, its targets (edges carry the basis) and the outcomes on them."""
    b, p = _Builder(), linkage.policy
    root = b.node(p.iri, "policy", p.title_zh, p.title_en, date=p.date, type=p.type, root=True)
    for agency in p.issuers:
        iri = agency.iri or f"{p.iri}#issuer-{agency.label_zh}"
        b.node(iri, "agency", agency.label_zh, agency.label_en)
        b.edge(root, iri, "issued_by")
    for t in linkage.targets:
        b.node(t.iri, t.type, t.label_zh, t.label_en)
        first = t.evidence[0] if t.evidence else None
        quote = {"quote": first.quote, "line": first.line} if first else {}
        b.edge(root, t.iri, "targets", t.basis, **quote)
    for o in linkage.outcomes:
        target = o.path[2] if len(o.path) > 2 else root
        _outcome(b, target, o, o.path[1].removeprefix("basis:") if len(o.path) > 1 else "")
    return b.view()


def target_view(
    entity: entities.Entity,
    found: policies.TargetPolicies,
    names: dict[str, dict[str, str | None]] | None = None,
) -> View:
    """A sector or region and the documents that target it (or a narrower one, via that one,
    labelled from ``names``: IRI → ``{"zh": …, "en": …}``)."""
    b, names = _Builder(), names or {}
    root = b.node(
        entity.iri, entity.type, entity.pref_label.get("zh"), entity.pref_label.get("en"), root=True
    )
    for item in found.items:
        b.node(item.iri, "policy", item.title_zh, None, date=item.date, type=item.type)
        if item.via and item.via != root:
            label = names.get(item.via, {})
            b.node(item.via, entity.type, label.get("zh"), label.get("en"))
            b.edge(item.via, root, "narrower_than")
        b.edge(item.iri, item.via or root, "targets", item.basis)
    return b.view()


def agreement_view(agreement: policies.AgreementDetail) -> View:
    """An agreement, its parties and the report's figures on those parties as partners."""
    b = _Builder()
    root = b.node(agreement.iri, "agreement", agreement.label_zh, agreement.label_en, root=True)
    for party in agreement.parties:
        b.node(party.iri, "region", party.label_zh, party.label_en)
        b.edge(root, party.iri, "party")
    for o in agreement.outcomes:
        _outcome(b, o.path[2] if len(o.path) > 2 else root, o, "agreement-party")
    return b.view()


def agency_view(entity: entities.Entity, issued: policies.PolicyList) -> View:
    """An agency and the documents the report names it as issuing."""
    b = _Builder()
    root = b.node(
        entity.iri, "agency", entity.pref_label.get("zh"), entity.pref_label.get("en"), root=True
    )
    for item in issued.items:
        b.node(item.iri, "policy", item.title_zh, item.title_en, date=item.date, type=item.type)
        b.edge(item.iri, root, "issued_by")
    return b.view()


def graph_view(pool: QueryPool, kind: str, key: str) -> View:
    """The graph the explorer draws for one resource (404 when there is no such resource)."""
    if kind == "policy":
        return policy_view(policies.get_linkage(key, pool))
    if kind == "agreement":
        return agreement_view(policies.get_agreement(key, pool))
    if kind not in _PLURAL:
        raise HTTPException(404, f"no graph view for '{kind}' (one of {', '.join(VIEW_KINDS)})")
    entity = entities.lookup(pool, _PLURAL[kind], key)
    if kind == "agency":
        issued = policies.list_policies(q="", issuer=entity.iri, year="", sector="", pool=pool)
        return agency_view(entity, issued)
    from .ui_data import labels  # the explorer's cached sector and region labels

    reverse = policies.sector_policies if kind == "sector" else policies.region_policies
    return target_view(entity, reverse(key, pool), labels(pool))


@router.get("/graph/{kind}/{id}")
def get_graph_view(
    kind: Literal["policy", "sector", "region", "agreement", "agency"],
    id: str,
    pool: QueryPool = Depends(get_pool),
) -> View:
    """The nodes and edges the explorer draws for a resource (its linkage or reverse view)."""
    return graph_view(pool, kind, id)


@router.get("/export/{kind}/{id}")
def export_view(
    kind: Literal["policy", "sector", "region", "agreement", "agency"],
    id: str,
    format: Literal["graphml", "gexf", "cyjs"] = Query("graphml"),
    pool: QueryPool = Depends(get_pool),
) -> Response:
    """The graph view of a resource as a file for Gephi or Cytoscape (built through networkx)."""
    body = write_graph(view_to_networkx(graph_view(pool, kind, id)), GraphFormat(format))
    return _download(body, format, f"{kind}-{id}")


@router.get("/export")
async def export_all(
    format: Literal["graphml", "gexf", "cyjs", "ttl", "jsonld", "nt"] = Query("graphml"),
    store: ox.Store = Depends(get_store),
) -> Response:
    """The whole graph: GraphML, GEXF, Cytoscape JSON (through networkx) or Turtle, JSON-LD,
    N-Triples. Takes a few seconds for the graph formats."""
    body = await run_in_threadpool(export_store, store, format)
    return _download(body, format, "tradekg")


def _download(body: bytes, fmt: str, stem: str) -> Response:
    from urllib.parse import quote

    ext = {"cyjs": "cyjs", "jsonld": "jsonld"}.get(fmt, fmt)
    name = quote(f"{stem}.{ext}")
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
    )
