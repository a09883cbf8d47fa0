"""``tradekg extract``: the extraction contract as JSON Lines, and the lines nothing took."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import FIXTURES, run_cli

from tradekg.loaders.reading import bundled_report_path

CONTRACT_KEYS = {
    "kind",
    "line",
    "quote",
    "subject_zh",
    "scope_zh",
    "measure",
    "flow",
    "period",
    "value",
    "unit",
    "of_zh",
    "value_normalized",
    "unit_normalized",
}


def test_extract_prints_one_fact_per_line_with_its_evidence() -> None:
    report = FIXTURES / "mini-report.zh.txt"
    result = run_cli("extract", str(report))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    facts = [r for r in records if r["kind"] == "observation"]
    lines = report.read_text(encoding="utf-8").split("\n")
    assert facts and all(fact.keys() >= CONTRACT_KEYS for fact in facts)
    assert all(r["quote"] in lines[r["line"] - 1] for r in records if r.get("quote"))
    exports = [f for f in facts if f["measure"] == "value" and f["value"] == 9331.2]
    assert exports and exports[0]["unit"] == "亿美元" and exports[0]["period"] == "2023"


def test_extract_prints_policies_with_issuers_date_class_and_iri() -> None:
    result = run_cli("extract", str(FIXTURES / "mini-report.zh.txt"))
    policies = [json.loads(x) for x in result.stdout.splitlines() if '"kind": "policy"' in x]
    [plan] = [p for p in policies if p["title_zh"] == "算力基础设施高质量发展行动计划"]
    assert plan["issuers_zh"] == ["工业和信息化部"] and plan["issuer_count"] == 6
    assert (plan["date"], plan["doc_class"], plan["type"]) == ("2023", "domestic", "plan")
    assert plan["iri"].endswith("/id/policy/算力基础设施高质量发展行动计划")
    agencies = [json.loads(x) for x in result.stdout.splitlines() if '"kind": "agency"' in x]
    assert any(a["iri"] and a["iri"].endswith("/agency/MIIT") for a in agencies)


def test_unresolved_lists_few_lines_of_the_bundled_report() -> None:
    result = run_cli("extract", str(bundled_report_path()), "--unresolved")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    text = bundled_report_path().read_text(encoding="utf-8").split("\n")
    with_numbers = sum(any(c.isdigit() for c in line) for line in text)
    assert all(row["kind"] == "unresolved" and row["text"] == text[row["line"] - 1] for row in rows)
    assert len(rows) < 0.05 * with_numbers


def test_extract_refuses_a_file_that_is_not_a_report(tmp_path: Path) -> None:
    alien = tmp_path / "alien.txt"
    alien.write_text("just some text 123\n", encoding="utf-8")
    result = run_cli("extract", str(alien))
    assert result.returncode == 2
    assert result.stderr.strip().startswith("tradekg: error:") and "not a report" in result.stderr
