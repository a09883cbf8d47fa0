"""``tradekg query``: SPARQL text or a file, table / CSV / SPARQL JSON output, bound parameters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from helpers import run_cli

CONTRIBUTORS = str(Path(__file__).parents[1] / "queries" / "chapter_contributors.rq")


def test_query_file_prints_a_table(built_dir: Path) -> None:
    result = run_cli("query", CONTRIBUTORS, "--data-dir", str(built_dir))
    assert result.returncode == 0, result.stderr
    header, rule, *rows = result.stdout.splitlines()
    assert header.split()[:4] == ["report", "chapter", "title", "agency"]
    assert set(rule) <= {"-", " "}
    assert any("工业和信息化部" in row and "Ministry of Industry" in row for row in rows)


def test_csv_output_has_one_row_per_solution(built_dir: Path) -> None:
    result = run_cli("query", CONTRIBUTORS, "--data-dir", str(built_dir), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) >= 5
    assert {r["name_zh"] for r in rows} >= {"工业和信息化部", "中国人民银行"}


def test_json_output_is_sparql_results_json(built_dir: Path) -> None:
    query = "ASK { ?chapter a <https://w3id.org/tradekg/ontology#Chapter> }"
    result = run_cli("query", query, "--data-dir", str(built_dir), "--format", "json")
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}


def test_parameters_are_bound_not_pasted(built_dir: Path) -> None:
    query = "SELECT ?title WHERE { ?c <http://purl.org/dc/terms/title> ?title ; <https://w3id.org/tradekg/ontology#tocPage> ?page }"
    result = run_cli(
        "query",
        query,
        "--data-dir",
        str(built_dir),
        "--format",
        "csv",
        "--param",
        'title=编后语" } #',
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "title"


def test_malformed_and_update_queries_fail_with_one_line(built_dir: Path) -> None:
    for query, message in [
        ("SELECT * WHERE {", "does not parse"),
        ("INSERT DATA { <a:a> <a:b> <a:c> }", "read-only"),
        ("SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }", "SERVICE"),
    ]:
        result = run_cli("query", query, "--data-dir", str(built_dir))
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
