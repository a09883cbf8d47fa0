"""Policies and the policy → outcome linkage, as JSON.

``/api/policies`` lists and filters documents, ``/api/policies/{id}`` shows one with its
mentions, ``/api/policies/{id}/linkage`` follows its typed links to targets and the outcomes
measured on them; ``/api/sectors/{id}/policies`` and ``/api/regions/{id}/policies`` go the other
way, ``/api/agreements/{id}`` lists an agreement's parties and the figures on them. Every answer
is a named query of ``queries/`` with a shape on top. A link is a path with a basis, never a
claim that the policy caused the outcome.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel

from tradekg import ontology
from tradekg.graph.results import VALUES, read_values
from tradekg.graph.workers import QueryJob, QueryPool

from .. import named
from ..deps import get_pool

router = APIRouter(prefix="/api", tags=["policies"])
CAP = 5000


class Agency(BaseModel):
    iri: str | None
    label_zh: str
    label_en: str | None


class PolicySummary(BaseModel):
    id: str
    iri: str
    title_zh: str
    title_en: str | None
    title_en_official: bool
    type: str | None
    doc_class: str
    date: str
    issuers: list[Agency]


class PolicyList(BaseModel):
    items: list[PolicySummary]


class Mention(BaseModel):
    line: int
    quote: str
    chapter: str | None


class PolicyDetail(PolicySummary):
    doc_no: str | None
    issuer_count: int | None
    mentions: list[Mention]


class Evidence(BaseModel):
    line: int
    quote: str


class Target(BaseModel):
    iri: str
    type: str
    label_zh: str | None
    label_en: str | None
    basis: str
    evidence: list[Evidence]


class Outcome(BaseModel):
    iri: str
    subject_zh: str
    measure: str
    flow: str
    period: str
    value: float
    unit: str
    value_normalized: float | None
    unit_normalized: str | None
    line: int
    quote: str
    path: list[str]


class Linkage(BaseModel):
    policy: PolicyDetail
    targets: list[Target]
    outcomes: list[Outcome]


class TargetPolicy(BaseModel):
    id: str
    iri: str
    title_zh: str
    type: str | None
    doc_class: str
    date: str
    basis: str
    via: str


class TargetPolicies(BaseModel):
    target: str
    items: list[TargetPolicy]


class Party(BaseModel):
    iri: str
    code: str | None
    label_zh: str | None
    label_en: str | None


class AgreementDetail(BaseModel):
    id: str
    iri: str
    label_zh: str
    label_en: str | None
    china_status: str | None
    status_date: str | None
    parties: list[Party]
    outcomes: list[Outcome]


def _id(iri: str, segment: str) -> str:
    return iri.removeprefix(f"{ontology.base_iri()}id/{segment}/")


def _iri(segment: str, key: str) -> str:
    return f"{ontology.base_iri()}id/{segment}/{key}"


def _issuers(rows: list[dict[str, str | None]]) -> list[Agency]:
    found: dict[str, Agency] = {}
    resolved = {r["byZh"] for r in rows if r.get("by")}
    for r in rows:
        if r.get("by"):
            found.setdefault(
                r["by"] or "", Agency(iri=r["by"], label_zh=r["byZh"] or "", label_en=r["byEn"])
            )
        elif r.get("issuerName") and r["issuerName"] not in resolved:
            found.setdefault(
                r["issuerName"] or "",
                Agency(iri=None, label_zh=r["issuerName"] or "", label_en=None),
            )
    # The graph keeps no order of a document's issuers: those named as written first, by name.
    names = {r["issuerName"] for r in rows if r.get("issuerName")}
    return sorted(found.values(), key=lambda a: (a.label_zh not in names, a.label_zh))


def _ordered(rows: list[dict[str, str | None]], *columns: str) -> list[dict[str, str | None]]:
    """``rows`` sorted by ``columns`` (``line`` as a number). The store breaks ties of a query's
    ORDER BY as it likes, differently on disk, in memory and on a remote server, so an answer
    built from several rows per item is put in an order of its own."""

    def key(row: dict[str, str | None]) -> tuple[int | str, ...]:
        return tuple(int(row[c] or 0) if c == "line" else row[c] or "" for c in columns)

    return sorted(rows, key=key)


def _summary(rows: list[dict[str, str | None]]) -> PolicySummary:
    first = rows[0]
    iri = first["policy"] or ""
    return PolicySummary(
        id=_id(iri, "policy"),
        iri=iri,
        title_zh=first["title"] or "",
        title_en=first.get("titleEn"),
        title_en_official=first.get("titleEnOfficial") == "true",
        type=first.get("type"),
        doc_class=first["docClass"] or "",
        date=first.get("date") or "",
        issuers=_issuers(rows),
    )


def _group(rows: list[dict[str, str | None]], key: str) -> dict[str, list[dict[str, str | None]]]:
    groups: dict[str, list[dict[str, str | None]]] = {}
    for row in rows:
        groups.setdefault(row[key] or "", []).append(row)
    return groups


@router.get("/policies", response_model=PolicyList)
def list_policies(
    q: str = Query("", description="words the Chinese title contains"),
    issuer: str = Query("", description="agency id (MIIT) or IRI"),
    year: str = Query("", pattern=r"^(\d{4})?$", description="a year the document is dated in"),
    sector: str = Query(
        "", description="sector id (SI) or IRI: documents targeting it or a narrower sector"
    ),
    pool: QueryPool = Depends(get_pool),
) -> PolicyList:
    """Documents named in the report, newest first, filtered by any of the parameters."""
    params = {
        "q": q,
        "issuer": issuer if issuer.startswith("http") or not issuer else _iri("agency", issuer),
        "year": year,
        "sector": sector if sector.startswith("http") or not sector else _iri("sector", sector),
    }
    rows = named.rows(pool, "policies", params, cap=CAP).rows
    return PolicyList(items=[_summary(group) for group in _group(rows, "policy").values()])


def _lookups(pool: QueryPool, *lookups: tuple[str, dict[str, str]]) -> list[named.Rows]:
    """The rows of several named SELECT queries, as plain values, run in one worker round trip
    on the embedded store (one after the other on a remote server)."""
    jobs = []
    for name, params in lookups:
        query = named.load(name)
        params = named.check_params(query, params)
        jobs.append(QueryJob(query.text, params, result_format=VALUES, row_cap=CAP))
    answers = pool.run_many(jobs) if isinstance(pool, QueryPool) else [pool.run(j) for j in jobs]
    found = []
    for answer in answers:
        variables, table = read_values(answer.body)
        rows = [dict(zip(variables, row, strict=True)) for row in table]
        found.append(named.Rows(variables, rows, answer.truncated))
    return found


def _detail(policy_id: str, rows: list[dict[str, str | None]]) -> PolicyDetail:
    """The document from the rows of ``policy``; 404 when there are none."""
    if not rows:
        iri = _iri("policy", policy_id)
        raise HTTPException(404, f"no policy with id '{policy_id}' (looked for <{iri}>)")
    mentions = {(r["line"], r["quote"]): r.get("chapterTitle") for r in rows}
    count = rows[0].get("issuerCount")
    return PolicyDetail(
        **_summary(rows).model_dump(),
        doc_no=rows[0].get("docNo"),
        issuer_count=int(count) if count else None,
        mentions=[
            Mention(line=int(line or 0), quote=q or "", chapter=c)
            for (line, q), c in mentions.items()
        ],
    )


@router.get("/policies/{policy_id}", response_model=PolicyDetail)
def get_policy(policy_id: str, pool: QueryPool = Depends(get_pool)) -> PolicyDetail:
    """One document: title, class, type, date, number, issuers and every mention."""
    [rows] = _lookups(pool, ("policy", {"policy": _iri("policy", policy_id)}))
    return _detail(policy_id, rows.rows)


def _outcome(row: dict[str, str | None], path: list[str]) -> Outcome:
    normalized = row.get("normalizedValue")
    return Outcome(
        iri=row["observation"] or "",
        subject_zh=row["subject"] or "",
        measure=row["measure"] or "",
        flow=row["flow"] or "",
        period=row["period"] or "",
        value=float(row["value"] or 0),
        unit=row["unit"] or "",
        value_normalized=float(normalized) if normalized else None,
        unit_normalized=row.get("normalizedUnit"),
        line=int(row["line"] or 0),
        quote=row["quote"] or "",
        path=path,
    )


@router.get("/policies/{policy_id}/linkage", response_model=Linkage)
def get_linkage(policy_id: str, pool: QueryPool = Depends(get_pool)) -> Linkage:
    """Who issued the document, what it targets by which basis (with quotes), and the outcomes
    measured on those targets around the document's year, each with the path that reaches it."""
    params = {"policy": _iri("policy", policy_id)}
    found, linked, measured = _lookups(
        pool, ("policy", params), ("policy_targets", params), ("policy_outcomes", params)
    )
    policy = _detail(policy_id, found.rows)
    targets: dict[tuple[str, str], Target] = {}
    for row in _ordered(linked.rows, "targetType", "basis", "line", "target", "quote"):
        key = (row["target"] or "", row["basis"] or "")
        target = targets.setdefault(
            key,
            Target(
                iri=key[0],
                type=row["targetType"] or "",
                label_zh=row.get("labelZh"),
                label_en=row.get("labelEn"),
                basis=key[1],
                evidence=[],
            ),
        )
        target.evidence.append(Evidence(line=int(row["line"] or 0), quote=row["quote"] or ""))
    outcomes = [
        _outcome(
            row,
            [policy.iri, f"basis:{row['basis']}", row["target"] or "", row["observation"] or ""],
        )
        for row in _ordered(measured.rows, "targetType", "target", "line", "observation", "basis")
    ]
    return Linkage(policy=policy, targets=list(targets.values()), outcomes=outcomes)


def _target_policies(pool: QueryPool, segment: str, key: str) -> TargetPolicies:
    iri = _iri(segment, key)
    rows = named.rows(pool, "target_policies", {"target": iri}, cap=CAP).rows
    items = [
        TargetPolicy(
            id=_id(r["policy"] or "", "policy"),
            iri=r["policy"] or "",
            title_zh=r["title"] or "",
            type=r.get("type"),
            doc_class=r["docClass"] or "",
            date=r.get("date") or "",
            basis=r["basis"] or "",
            via=r["via"] or "",
        )
        for r in rows
    ]
    return TargetPolicies(target=iri, items=items)


@router.get("/sectors/{sector_id}/policies", response_model=TargetPolicies)
def sector_policies(sector_id: str, pool: QueryPool = Depends(get_pool)) -> TargetPolicies:
    """Documents that target the sector or a narrower one, with the basis of each link."""
    return _target_policies(pool, "sector", sector_id)


@router.get("/regions/{region_id}/policies", response_model=TargetPolicies)
def region_policies(region_id: str, pool: QueryPool = Depends(get_pool)) -> TargetPolicies:
    """Documents that name the region (or a place within it) in their title or sentence."""
    return _target_policies(pool, "region", region_id)


@router.get("/agreements/{agreement_id}", response_model=AgreementDetail)
def get_agreement(agreement_id: str, pool: QueryPool = Depends(get_pool)) -> AgreementDetail:
    """An agreement: names, China's status as the report gives it, parties, and the figures
    the report gives on those parties as trade partners."""
    iri = _iri("agreement", agreement_id)
    params = {"agreement": iri}
    found, measured = _lookups(pool, ("agreement", params), ("agreement_outcomes", params))
    rows = found.rows
    if not rows:
        raise HTTPException(404, f"no agreement with id '{agreement_id}' (looked for <{iri}>)")
    first = rows[0]
    parties = {
        r["party"] or "": Party(
            iri=r["party"] or "",
            code=r.get("partyCode"),
            label_zh=r.get("partyZh"),
            label_en=r.get("partyEn"),
        )
        for r in rows
        if r.get("party")
    }
    outcomes = [
        _outcome(r, [iri, "basis:agreement-party", r["party"] or "", r["observation"] or ""])
        for r in measured.rows
    ]
    return AgreementDetail(
        id=agreement_id,
        iri=iri,
        label_zh=first["labelZh"] or "",
        label_en=first.get("labelEn"),
        china_status=first.get("status"),
        status_date=first.get("statusDate"),
        parties=list(parties.values()),
        outcomes=outcomes,
    )
