"""``/api/search``, ``/api/observations`` and ``/api/queries``: JSON lookups over named queries.

Each lookup is a query file in ``queries/`` run through the worker pool, with a response model
on top; ``/api/queries/{name}`` runs any of them by name, so the REST surface cannot drift from
the query files.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from tradekg import ontology, queries
from tradekg.graph.workers import QueryPool

from .. import named, protocol
from ..deps import get_pool, get_settings
from ..settings import Settings

router = APIRouter(prefix="/api", tags=["lookups"])

_SHORT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_MATCH = {"0": "exact", "1": "prefix", "2": "contains"}
#: /api/observations filter → (parameter of observations.rq, IRI path segment of its concepts)
OBSERVATION_FILTERS = {
    "sector": ("sector", "sector"),
    "region": ("area", "region"),
    "partner": ("partner", "region"),
    "flow": ("flow", "flow"),
    "measure": ("measure", "measure"),
}


class SearchHit(BaseModel):
    iri: str
    type: str
    id: str
    label_zh: str | None
    label_en: str | None
    matched: str
    matched_lang: str
    match: Literal["exact", "prefix", "contains"]


class SearchResults(BaseModel):
    q: str
    lang: str | None
    hits: list[SearchHit]


class Observation(BaseModel):
    observation: str
    subject: str
    sector: str | None
    area: str | None
    partner: str | None
    period: str
    flow: str
    measure: str
    value: float
    unit: str
    normalized_value: float | None
    normalized_unit: str | None
    quote: str
    line: int


class Observations(BaseModel):
    count: int
    truncated: bool
    observations: list[Observation]


class QueryParam(BaseModel):
    name: str
    description: str


class QueryInfo(BaseModel):
    name: str
    summary: str
    returns: str
    parameters: list[QueryParam]


class QueryRows(BaseModel):
    name: str
    variables: list[str]
    count: int
    truncated: bool
    rows: list[dict[str, str | None]]


def split_iri(iri: str) -> tuple[str, str]:
    """``(type, id)`` of one of the graph's IRIs (``…/id/sector/SI`` → ``('sector', 'SI')``).

    >>> split_iri(ontology.base_iri() + "id/region/CN-SH")
    ('region', 'CN-SH')
    """
    prefix = ontology.base_iri() + "id/"
    if not iri.startswith(prefix):
        return "", iri
    kind, _, rest = iri[len(prefix) :].partition("/")
    return kind, rest


@router.get("/search", response_model=SearchResults)
def search(
    q: str = Query(..., min_length=1, max_length=200, description="text in a zh or en label"),
    lang: str | None = Query(None, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$"),
    limit: int = Query(20, ge=1, le=100),
    pool: QueryPool = Depends(get_pool),
) -> SearchResults:
    """Agencies, sectors, regions and every other labelled resource whose preferred or
    alternative label contains ``q``; one hit per resource, closest match first."""
    params = {"q": q, **({"lang": lang} if lang else {})}
    found = named.rows(pool, "search", params, cap=2000)
    hits: dict[str, SearchHit] = {}
    for row in found.rows:
        iri = row["entity"] or ""
        if iri in hits or len(hits) >= limit:
            continue
        kind, key = split_iri(iri)
        hits[iri] = SearchHit(
            iri=iri,
            type=kind,
            id=key,
            label_zh=row["prefZh"],
            label_en=row["prefEn"],
            matched=row["label"] or "",
            matched_lang=row["labelLang"] or "",
            match=_MATCH[row["rank"] or "2"],  # type: ignore[arg-type]
        )
    return SearchResults(q=q, lang=lang, hits=list(hits.values()))


@router.get("/observations", response_model=Observations)
def observations(
    sector: str | None = Query(None, description="a sector id (SI) or IRI"),
    region: str | None = Query(None, description="the region the figure is about (CN, CN-SH)"),
    partner: str | None = Query(None, description="a partner region id (US) or IRI"),
    period: str | None = Query(None, description="2023, 2016-2023 or 2023-12-31"),
    flow: str | None = Query(None, description="total, export, import, balance …"),
    measure: str | None = Query(None, description="value, yoy_growth_pct, share_pct …"),
    format: Literal["json", "csv"] = Query("json"),
    pool: QueryPool = Depends(get_pool),
    settings: Settings = Depends(get_settings),
) -> Observations | Response:
    """Measured observations filtered by any of the dimensions, with their quotes (JSON or CSV)."""
    given = {
        "sector": sector,
        "region": region,
        "partner": partner,
        "flow": flow,
        "measure": measure,
    }
    params = {OBSERVATION_FILTERS[k][0]: _concept(k, v) for k, v in given.items() if v is not None}
    if period:
        params["period"] = period
    found = named.rows(pool, "observations", params, settings.row_cap)
    result = Observations(
        count=len(found.rows),
        truncated=found.truncated,
        observations=[_observation(row) for row in found.rows],
    )
    if format == "csv":
        return _csv(result)
    return result


def _concept(name: str, value: str) -> str:
    """A short id (``SI``, ``export``) as the concept IRI; a full IRI stays as it is."""
    if value.startswith(("http://", "https://")):
        return value
    if not _SHORT_ID.match(value):
        raise HTTPException(
            400, f"{name}={value!r}: give a short id like SI, CN, export, or an IRI"
        )
    return f"{ontology.base_iri()}id/{OBSERVATION_FILTERS[name][1]}/{value}"


def _observation(row: dict[str, str | None]) -> Observation:
    def short(key: str) -> str | None:
        value = row[key]
        return split_iri(value)[1] if value else None

    return Observation(
        observation=row["observation"] or "",
        subject=row["subject"] or "",
        sector=short("sectorConcept"),
        area=short("areaConcept"),
        partner=short("partnerConcept"),
        period=row["periodValue"] or "",
        flow=short("flowConcept") or "",
        measure=short("measureConcept") or "",
        value=float(row["value"] or "nan"),
        unit=row["unit"] or "",
        normalized_value=float(row["normalizedValue"]) if row["normalizedValue"] else None,
        normalized_unit=row["normalizedUnit"],
        quote=row["quote"] or "",
        line=int(row["line"] or 0),
    )


def _csv(result: Observations) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    fields = list(Observation.model_fields)
    writer.writerow(fields)
    for item in result.observations:
        data = item.model_dump()
        writer.writerow(["" if data[f] is None else data[f] for f in fields])
    headers = {"X-Result-Truncated": "true"} if result.truncated else {}
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/queries", response_model=list[QueryInfo])
def query_catalogue() -> list[QueryInfo]:
    """Every named query: its name, what it answers, its parameters and what it returns."""
    return [
        QueryInfo(
            name=q.name,
            summary=q.summary,
            returns=q.returns,
            parameters=[QueryParam(name=p.name, description=p.description) for p in q.params],
        )
        for q in queries.catalogue().values()
    ]


@router.get("/queries/{name}", response_model=QueryRows)
def run_query(
    name: str,
    request: Request,
    format: Literal["json", "csv"] = Query("json"),
    pool: QueryPool = Depends(get_pool),
    settings: Settings = Depends(get_settings),
) -> QueryRows | Response:
    """Run a named query; its parameters are query-string parameters (``?sector=…``)."""
    pairs = protocol.decode_params(request.scope["query_string"], "the URL")
    params = {k: v for k, v in pairs if k != "format"}
    if format == "csv":
        answer = named.run(pool, name, params, "csv", settings.row_cap)
        headers = {"X-Result-Truncated": "true"} if answer.truncated else {}
        body = answer.body if answer.kind != "triples" else _triples_csv(named.read_json(answer))
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
    found = named.rows(pool, name, params, settings.row_cap)
    return QueryRows(
        name=name,
        variables=found.variables,
        count=len(found.rows),
        truncated=found.truncated,
        rows=found.rows,
    )


def _triples_csv(found: named.Rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(found.variables)
    writer.writerows([[row[v] or "" for v in found.variables] for row in found.rows])
    return buffer.getvalue().encode("utf-8")
