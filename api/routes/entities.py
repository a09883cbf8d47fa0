"""``GET /api/{type}/{id}``: one agency, sector or region with its labels and its evidence.

``ENTITY_TYPES`` is the table of what can be looked up: the path's plural, the IRI segment the
resource is minted under (``{base}id/{segment}/{id}``) and the class it must have. One route is
made per entry, so another router may serve its own type (policies, agreements) beside these,
or add an entry here to get this lookup for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from rdflib.namespace import SKOS

from tradekg import ontology
from tradekg.graph.workers import QueryPool

from .. import named
from ..deps import get_pool

router = APIRouter(prefix="/api", tags=["entities"])

EVIDENCE_CAP = 100
_LINKS = ("inScheme", "broader", "partOf", "subOrganizationOf")


@dataclass(frozen=True)
class EntityType:
    """A kind of resource the API looks up by id."""

    segment: str
    cls: str
    summary: str


ENTITY_TYPES: dict[str, EntityType] = {
    "agencies": EntityType("agency", str(ontology.TKG.Agency), "A government body or organisation"),
    "sectors": EntityType(
        "sector", str(SKOS.Concept), "A services sector (EBOPS 2010 and narrower)"
    ),
    "regions": EntityType(
        "region", str(SKOS.Concept), "A country, province, city, zone or grouping"
    ),
}


class Evidence(BaseModel):
    via: str
    subject: str
    quote: str
    line: int
    report: str | None


class Entity(BaseModel):
    iri: str
    type: str
    id: str
    pref_label: dict[str, str]
    alt_labels: dict[str, list[str]]
    notation: list[str]
    definition: dict[str, str]
    classes: list[str]
    links: dict[str, list[str]]
    evidence: list[Evidence]
    evidence_truncated: bool


def lookup(pool: QueryPool, plural: str, key: str) -> Entity:
    """The resource ``key`` of type ``plural``; 404 when the graph has no such resource."""
    kind = ENTITY_TYPES[plural]
    iri = f"{ontology.base_iri()}id/{kind.segment}/{key}"
    facts = named.rows(pool, "entity", {"entity": iri}, cap=1000).rows
    classes = sorted({r["value"] or "" for r in facts if r["key"] == "type"})
    if kind.cls not in classes:
        raise HTTPException(404, f"no {kind.segment} with id '{key}' (looked for <{iri}>)")
    found = named.rows(pool, "entity_evidence", {"entity": iri}, cap=EVIDENCE_CAP)
    return Entity(
        iri=iri,
        type=kind.segment,
        id=key,
        pref_label={r["lang"] or "": r["value"] or "" for r in facts if r["key"] == "prefLabel"},
        alt_labels=_by_lang([r for r in facts if r["key"] == "altLabel"]),
        notation=[r["value"] or "" for r in facts if r["key"] == "notation"],
        definition={r["lang"] or "": r["value"] or "" for r in facts if r["key"] == "definition"},
        classes=classes,
        links={k: [r["value"] or "" for r in facts if r["key"] == k] for k in _LINKS},
        evidence=[
            Evidence(
                via=r["via"] or "",
                subject=r["subject"] or "",
                quote=r["quote"] or "",
                line=int(r["line"] or 0),
                report=r["report"],
            )
            for r in found.rows
        ],
        evidence_truncated=found.truncated,
    )


def _by_lang(rows: list[dict[str, str | None]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for row in rows:
        grouped.setdefault(row["lang"] or "", []).append(row["value"] or "")
    return grouped


def _route(plural: str) -> Callable[..., Entity]:
    def get_entity(id: str, pool: QueryPool = Depends(get_pool)) -> Entity:
        return lookup(pool, plural, id)

    get_entity.__doc__ = (
        f"{ENTITY_TYPES[plural].summary}: labels in zh and en, notation, links and the "
        "report's quotes behind it."
    )
    get_entity.__name__ = f"get_{plural}"
    return get_entity


for _plural in ENTITY_TYPES:
    router.add_api_route(
        f"/{_plural}/{{id}}", _route(_plural), methods=["GET"], response_model=Entity
    )
