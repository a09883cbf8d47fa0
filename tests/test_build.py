"""``tradekg build``: a good build becomes current; bad input never damages the last good graph."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from helpers import FIXTURES, free_port, run_cli
from rdflib import Literal

from tradekg.graph import edition as edition_module
from tradekg.graph.build import build
from tradekg.graph.store import current_build, read_build_info
from tradekg.graph.validate import ValidationFailed
from tradekg.ontology import TKG

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count(data_dir: Path) -> int:
    result = run_cli("query", COUNT, "--data-dir", str(data_dir), "--format", "json")
    assert result.returncode == 0, result.stderr
    return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture()
def good_dir(tmp_path: Path) -> Path:
    result = run_cli(
        "build", "--data-dir", str(tmp_path), "--report", str(FIXTURES / "mini-report.zh.txt")
    )
    assert result.returncode == 0, result.stderr
    return tmp_path


def test_build_reports_progress_and_records_what_it_built(good_dir: Path) -> None:
    info = read_build_info(good_dir)
    assert info["conforms"] is True
    assert info["reports"][0]["edition"] == 2023
    assert info["triples"] == _count(good_dir) > 0


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("/etc/hostname", "not a report of the series"),
        ("gbk", "not UTF-8"),
        ("empty", "empty"),
        ("truncated", "truncated"),
        ("missing", "no such file"),
    ],
)
def test_bad_input_fails_with_one_line_and_keeps_the_last_good_graph(
    good_dir: Path, tmp_path_factory: pytest.TempPathFactory, content: str, problem: str
) -> None:
    before, current = _count(good_dir), current_build(good_dir)
    scratch = tmp_path_factory.mktemp("input")
    if content == "gbk":
        path = scratch / "gbk.txt"
        path.write_bytes(
            (FIXTURES / "mini-report.zh.txt")
            .read_text(encoding="utf-8")
            .encode("gbk", errors="replace")
        )
    elif content == "empty":
        path = scratch / "empty.txt"
        path.write_bytes(b"")
    elif content == "truncated":
        path = scratch / "truncated.txt"
        path.write_text(
            (FIXTURES / "mini-report.zh.txt").read_text(encoding="utf-8")[:400], encoding="utf-8"
        )
    elif content == "missing":
        path = scratch / "missing.txt"
    else:
        path = Path(content)
    result = run_cli("build", "--data-dir", str(good_dir), "--report", str(path))
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("tradekg: error:")]
    assert len(errors) == 1 and problem in errors[0], result.stderr
    assert current_build(good_dir) == current
    assert _count(good_dir) == before


def test_a_build_that_fails_validation_stores_nothing(
    good_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = current_build(good_dir)
    original = edition_module.edition_graph

    def broken(edition, vocabularies):  # type: ignore[no-untyped-def]
        graph, unresolved = original(edition, vocabularies)
        report = next(graph.subjects(TKG.edition, None))
        graph.add((report, TKG.edition, Literal("not a year")))
        return graph, unresolved

    monkeypatch.setattr(edition_module, "edition_graph", broken)
    with pytest.raises(ValidationFailed) as failure:
        build([FIXTURES / "mini-report.zh.txt"], good_dir)
    assert "ontology#edition>" in str(failure.value)
    assert current_build(good_dir) == current
    builds = list((good_dir / "builds").iterdir())
    assert builds == [current]


def test_rebuilding_switches_current_and_keeps_few_old_builds(good_dir: Path) -> None:
    first = current_build(good_dir)
    for _ in range(4):
        build([FIXTURES / "mini-report.zh.txt"], good_dir)
    assert current_build(good_dir) != first
    assert len(list((good_dir / "builds").iterdir())) <= 3


def test_two_files_of_the_same_edition_are_refused(tmp_path: Path) -> None:
    mini = str(FIXTURES / "mini-report.zh.txt")
    result = run_cli("build", "--data-dir", str(tmp_path), "--report", mini, "--report", mini)
    assert result.returncode != 0
    assert "edition 2023 is already given" in result.stderr


def test_validate_command_reports_conformance(good_dir: Path) -> None:
    result = run_cli("validate", "--data-dir", str(good_dir))
    assert result.returncode == 0
    assert "conforms" in result.stdout


def test_commands_on_an_empty_data_dir_say_to_build_first(tmp_path: Path) -> None:
    result = run_cli("query", COUNT, "--data-dir", str(tmp_path))
    assert result.returncode != 0
    assert "run `tradekg build` first" in result.stderr


def test_serve_on_an_empty_data_dir_builds_the_bundled_report_first(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [
            *(sys.executable, "-c", "from tradekg.api.cli import main; main()", "serve"),
            *("--data-dir", str(tmp_path), "--port", str(port)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        health = None
        while time.monotonic() < deadline and process.poll() is None and health is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json()
            except httpx.TransportError:
                time.sleep(0.3)
        assert health is not None, process.stdout.read().decode() if process.stdout else ""
        assert health["triples"] == read_build_info(tmp_path)["triples"] > 50_000
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0].decode()
    assert "building it first" in output
