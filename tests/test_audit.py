"""The audit of a report's own arithmetic: made-up passages in, findings out; the real command
on the bundled report; a planted contradiction in an edited copy; findings in the built graph
and behind ``GET /api/audit``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import httpx
import pytest
from helpers import run_cli

from tradekg.graph.audit import SEVERITIES, audit, region_members
from tradekg.loaders.observations import extract_observations

QUERY = str(Path(__file__).parents[1] / "queries" / "audit_findings.rq")

# Made-up passages (not the report's figures) and the checked relations they must give.
CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("2030年，甲服务进出口100.0亿美元。其中，出口60.0亿美元，进口40.0亿美元。",
     [("flows-sum", "consistent")]),
    ("2030年，甲服务进出口100.1亿美元。其中，出口60.0亿美元，进口40.0亿美元。",
     [("flows-sum", "rounding-level")]),
    ("2030年，甲服务进出口103.0亿美元。其中，出口60.0亿美元，进口40.0亿美元。",
     [("flows-sum", "contradiction")]),
    ("2030年，甲服务出口60.0亿美元，进口40.0亿美元，贸易顺差25.0亿美元。",
     [("balance", "contradiction")]),
    ("2030年，甲服务出口60.0亿美元，同比增长20%。2029年，甲服务出口50.0亿美元。",
     [("growth", "consistent")]),
    ("2030年，甲服务出口66.0亿美元，同比增长20%。2029年，甲服务出口50.0亿美元。",
     [("growth", "contradiction")]),
    ("2030年，中国服务进出口1000.0亿美元。东部地区服务进出口800.0亿美元，占全国服务进出口的70%。",
     [("share", "contradiction")]),
    ("2030年，甲服务出口60.5亿美元。\n\n2030年，甲服务出口60.7亿美元。",
     [("restatement", "contradiction")]),
    ("2030年，甲服务出口超过60亿美元。\n\n2030年，甲服务出口70.0亿美元。", []),
    ("2030年，东部地区服务进出口300.0亿美元，中部地区服务进出口200.0亿美元。"
     "2030年，中国服务进出口400.0亿美元。", [("parts-total", "contradiction")]),
    ("2030年，甲服务贸易顺差30.0亿美元，与上年20.0亿美元顺差相比，差额增加10.5亿美元。",
     [("change", "contradiction")]),
    ("2030年，甲服务出口占全国服务出口的20.5%，较上年提高1.5个百分点。"
     "2029年，甲服务出口占全国服务出口的19%。", [("pp-change", "consistent")]),
    ("表 9-1：2029-2030 年甲服务出口\n\n序号\t领域\t2029年出口额（亿美元）\t2030年出口额（亿美元）\n"
     "1\t乙服务\t10.0\t20.0\n2\t丙服务\t5.0\t6.0\n合计\t\t15.0\t26.0\n", []),
    ("表 9-2：2030 年甲服务进出口\n\n序号\t领域\t出口额（亿美元）\t进口额（亿美元）\n"
     "1\t乙服务\t10.0\t3.0\n2\t丙服务\t5.0\t2.0\n合计\t\t16.0\t5.0\n",
     [("parts-total", "contradiction"), ("parts-total", "consistent")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=range(len(CASES)))
def test_passage_gives_its_relations(text: str, expected: list[tuple[str, str]]) -> None:
    findings = audit(extract_observations(text, 2030), region_members())
    checked = [(f.relation, f.severity) for f in findings if f.severity != "cannot-check"]
    assert checked == expected
    for finding in findings:
        assert finding.arithmetic and finding.statements


def _audit_json(*args: str) -> dict:
    result = run_cli("audit", "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    [edition] = json.loads(result.stdout)["editions"]
    return edition


@pytest.fixture(scope="module")
def bundled(report_text: str) -> dict:
    return _audit_json()


def test_bundled_report_contradicts_itself_once_on_construction_exports(
    bundled: dict, report_text: str
) -> None:
    lines = report_text.split("\n")
    contradictions = [f for f in bundled["findings"] if f["severity"] == "contradiction"]
    assert len(contradictions) == 1, contradictions  # no false alarms
    [found] = contradictions
    assert found["relation"] == "restatement"
    assert sorted(s["shown"] for s in found["statements"]) == ["314.1亿美元", "314.2亿美元"]
    for s in found["statements"]:
        assert s["quote"] in lines[s["line"] - 1]
        assert f"line {s['line']}" in found["arithmetic"]


def test_every_relation_is_reported_with_quotes_that_stand_on_their_lines(
    bundled: dict, report_text: str
) -> None:
    lines = report_text.split("\n")
    counts = bundled["counts"]
    assert set(counts) == set(SEVERITIES)
    assert sum(counts.values()) == len(bundled["findings"])
    assert counts["consistent"] > 50 and counts["cannot-check"] > 0
    relations = {f["relation"] for f in bundled["findings"] if f["severity"] == "consistent"}
    assert relations >= {"restatement", "flows-sum", "balance", "parts-total", "share"}
    for finding in bundled["findings"]:
        assert finding["arithmetic"]
        for s in finding["statements"]:
            assert lines[s["line"] - 1][s["start"] :].startswith(s["quote"])


def test_planted_contradictions_in_an_edited_copy_are_found(
    report_text: str, tmp_path: Path
) -> None:
    planted = report_text.replace("出口903.4亿美元", "出口930.4亿美元", 1)
    planted = planted.replace("占全国服务进出口的10.1%", "占全国服务进出口的12.1%", 1)
    planted = planted.replace("合计\t\t190.3", "合计\t\t199.3", 1)
    assert planted.count("930.4") == 1 and "12.1%" in planted and "199.3" in planted
    path = tmp_path / "planted.zh.txt"
    path.write_text(planted, encoding="utf-8")
    found = _audit_json("--report", str(path))["findings"]
    contradictions = {
        (f["relation"], s["shown"])
        for f in found
        if f["severity"] == "contradiction"
        for s in f["statements"]
    }
    assert ("restatement", "930.4亿美元") in contradictions
    assert ("flows-sum", "930.4亿美元") in contradictions
    assert ("share", "12.1%") in contradictions
    assert ("parts-total", "199.3亿元") in contradictions
    assert ("restatement", "314.2亿美元") in contradictions


def test_table_output_lists_the_contradiction_with_both_lines() -> None:
    result = run_cli("audit", "--severity", "contradiction")
    assert result.returncode == 0, result.stderr
    assert "1 contradiction" in result.stdout
    assert "[contradiction] restatement" in result.stdout
    assert "出口314.1亿美元" in result.stdout and "建筑服务出口314.2亿美元" in result.stdout


def test_an_unreadable_report_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    result = run_cli("audit", "--report", str(path))
    assert result.returncode == 2 and "error" in result.stderr


def test_findings_are_annotations_in_the_built_graph(built_dir: Path) -> None:
    result = run_cli(
        "query", QUERY, "--data-dir", str(built_dir), "--format", "csv",
        "--param", "severity=contradiction",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["quote"] for r in rows} == {"出口314.1亿美元", "建筑服务出口314.2亿美元"}
    assert {r["findingRelation"] for r in rows} == {"restatement"}
    assert len({r["finding"] for r in rows}) == 1


def test_api_audit_serves_the_findings(server: str) -> None:
    answer = httpx.get(f"{server}/api/audit", params={"severity": "contradiction"}, timeout=30)
    assert answer.status_code == 200
    body = answer.json()
    assert body["counts"]["contradiction"] == 1 and not body["truncated"]
    [finding] = body["findings"]
    assert set(finding) == {
        "finding", "report", "relation", "severity", "about", "arithmetic", "statements"
    }  # fmt: skip
    assert sorted(s["value"] for s in finding["statements"]) == [314.1, 314.2]
    everything = httpx.get(f"{server}/api/audit", timeout=30).json()
    assert everything["counts"]["consistent"] > 50
    assert httpx.get(f"{server}/api/audit", params={"severity": "bad"}).status_code in (400, 422)
