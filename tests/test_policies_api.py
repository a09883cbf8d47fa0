"""Policies, linkage and agreements over real HTTP against ``tradekg serve``."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import httpx


def _get(server: str, path: str, **params: str) -> dict:
    response = httpx.get(f"{server}{path}", params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def test_search_finds_the_computing_plan_with_its_issuers_and_date(server: str) -> None:
    items = _get(server, "/api/policies", q="算力基础设施")["items"]
    [plan] = [i for i in items if i["title_zh"] == "算力基础设施高质量发展行动计划"]
    assert plan["date"] == "2023-10" and plan["type"] == "plan" and plan["doc_class"] == "domestic"
    assert [a["label_en"] for a in plan["issuers"]] == [
        "Ministry of Industry and Information Technology"
    ]
    detail = _get(server, f"/api/policies/{quote(plan['id'])}")
    assert detail["issuer_count"] == 6
    assert detail["mentions"][0]["chapter"] == "电信、计算机和信息服务"


def test_linkage_reaches_the_sector_and_its_exports_with_quotes(server: str) -> None:
    linkage = _get(server, f"/api/policies/{quote('算力基础设施高质量发展行动计划')}/linkage")
    [sector] = [t for t in linkage["targets"] if t["iri"].endswith("/sector/SI")]
    assert sector["basis"] == "chapter" and sector["type"] == "sector"
    assert "算力基础设施高质量发展行动计划" in sector["evidence"][0]["quote"]
    exports = [
        o
        for o in linkage["outcomes"]
        if o["flow"] == "export" and o["period"] == "2023" and o["path"][2].endswith("/sector/SI")
    ]
    values = {(o["measure"], o["value"]) for o in exports}
    assert ("value", 903.4) in values and ("yoy_growth_pct", 4.9) in values
    shown = next(o for o in exports if o["value"] == 903.4)
    assert "903.4" in shown["quote"] and shown["unit"] == "亿美元"
    assert shown["path"][1] == "basis:chapter"


def test_filters_narrow_the_list(server: str) -> None:
    everything = _get(server, "/api/policies")["items"]
    by_miit = _get(server, "/api/policies", issuer="MIIT")["items"]
    in_2023 = _get(server, "/api/policies", year="2023")["items"]
    on_si = _get(server, "/api/policies", sector="SI")["items"]
    assert 0 < len(by_miit) < len(everything) and 0 < len(in_2023) < len(everything)
    assert all(
        any(a["iri"] and a["iri"].endswith("/agency/MIIT") for a in p["issuers"]) for p in by_miit
    )
    assert all(p["date"].startswith("2023") for p in in_2023)
    assert "算力基础设施高质量发展行动计划" in {p["title_zh"] for p in on_si}


def test_reverse_lookups_list_policies_by_sector_and_region(server: str) -> None:
    on_si = _get(server, "/api/sectors/SI/policies")["items"]
    assert {"chapter"} <= {p["basis"] for p in on_si}
    in_beijing = _get(server, "/api/regions/CN-BJ/policies")["items"]
    assert any("北京市" in p["title_zh"] for p in in_beijing)


def test_rcep_lists_its_parties_and_outsourcing_from_them(server: str) -> None:
    rcep = _get(server, "/api/agreements/RCEP")
    assert len(rcep["parties"]) == 15
    assert (rcep["china_status"], rcep["status_date"]) == ("in_force", "2022-01-01")
    figures = {(o["subject_zh"], o["measure"], o["value"]) for o in rcep["outcomes"]}
    assert ("新加坡", "value", 117.7) in figures
    assert ("越南", "yoy_growth_pct", 47.4) in figures


def test_unknown_ids_are_404(server: str) -> None:
    assert httpx.get(f"{server}/api/policies/{quote('没有这个文件')}").status_code == 404
    assert httpx.get(f"{server}/api/agreements/NOPE").status_code == 404


def _linkage(server: str, key: str) -> dict:
    return _get(server, f"/api/policies/{quote(key, safe='')}/linkage")


def test_every_linkage_holds_the_rows_of_its_three_queries(server: str) -> None:
    items = _get(server, "/api/policies")["items"]
    assert len(items) > 50
    for item in items:
        linkage = _linkage(server, item["id"])
        assert linkage["policy"]["iri"] == item["iri"]
        targets = _get(server, "/api/queries/policy_targets", policy=item["iri"])["rows"]
        outcomes = _get(server, "/api/queries/policy_outcomes", policy=item["iri"])["rows"]
        assert {(t["iri"], t["basis"]) for t in linkage["targets"]} == {
            (r["target"], r["basis"]) for r in targets
        }
        assert sum(len(t["evidence"]) for t in linkage["targets"]) == len(targets)
        assert [(o["iri"], o["path"][1:3]) for o in linkage["outcomes"]] == [
            (r["observation"], [f"basis:{r['basis']}", r["target"]])
            for r in sorted(
                outcomes,
                key=lambda r: (
                    r["targetType"],
                    r["target"],
                    int(r["line"]),
                    r["observation"],
                    r["basis"],
                ),
            )
        ]


def test_concurrent_linkages_each_get_their_own_document(server: str) -> None:
    keys = [i["id"] for i in _get(server, "/api/policies")["items"]][:24]
    alone = {key: _linkage(server, key) for key in keys}
    with ThreadPoolExecutor(max_workers=12) as pool:
        together = dict(zip(keys, pool.map(lambda key: _linkage(server, key), keys), strict=True))
    assert together == alone
    assert len({json.dumps(v, sort_keys=True) for v in together.values()}) == len(keys)


def test_an_unknown_document_has_no_linkage(server: str) -> None:
    answer = httpx.get(f"{server}/api/policies/{quote('没有这个文件')}/linkage", timeout=30)
    assert answer.status_code == 404
    assert "没有这个文件" in answer.json()["detail"]
