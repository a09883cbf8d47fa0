"""Several editions in one build: each its own named graph, shared triples stored once,
and a disagreement between editions refused like any other violation."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import FIXTURES, run_cli

from tradekg.graph import edition as edition_module
from tradekg.graph.build import build
from tradekg.graph.forked import ChildFailed
from tradekg.graph.store import current_build, open_store, read_build_info
from tradekg.graph.validate import ValidationFailed
from tradekg.loaders.errors import ReportFormatError

MINI = FIXTURES / "mini-report.zh.txt"
PLAN = "《算力基础设施高质量发展行动计划》"


def _edition(folder: Path, year: int, text: str | None = None) -> Path:
    """The mini report as the edition of ``year`` (the year on its cover changed)."""
    original = text if text is not None else MINI.read_text(encoding="utf-8")
    cover, contents = original.split("目 录", 1)
    path = folder / f"report-{year}.txt"
    path.write_text(cover.replace("2023", str(year)) + "目 录" + contents, encoding="utf-8")
    return path


def _rows(data_dir: Path, query: str) -> list[ox.QuerySolution]:
    solutions = open_store(data_dir).query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    return list(solutions)


def test_each_edition_is_a_named_graph_and_shared_triples_are_stored_once(
    tmp_path: Path,
) -> None:
    reports = [str(MINI), str(_edition(tmp_path, 2024))]
    result = run_cli(
        "build", "--data-dir", str(tmp_path / "data"), *(f"--report={r}" for r in reports)
    )
    assert result.returncode == 0, result.stderr
    assert "edition 2024:" in result.stderr and "nodes that several editions describe" in (
        result.stderr
    )
    graphs = read_build_info(tmp_path / "data")["graphs"]
    assert [g.rsplit("/", 1)[-1] for g in graphs] == ["ontology", "2023", "2024"]
    titles = _rows(
        tmp_path / "data",
        "PREFIX eli: <http://data.europa.eu/eli/ontology#> "
        "SELECT ?g WHERE { GRAPH ?g { ?doc eli:title ?t } "
        'FILTER (STR(?t) = "算力基础设施高质量发展行动计划") }',
    )
    assert [row["g"].value.rsplit("/", 1)[-1] for row in titles] == ["2023"]
    reports_found = _rows(
        tmp_path / "data",
        "PREFIX tkg: <https://w3id.org/tradekg/ontology#> "
        "SELECT ?e WHERE { ?r a tkg:Report ; tkg:edition ?e } ORDER BY ?e",
    )
    assert [row["e"].value for row in reports_found] == ["2023", "2024"]


def test_editions_prepared_in_parallel_give_the_same_store_as_one_after_another(
    tmp_path: Path,
) -> None:
    reports = [MINI, _edition(tmp_path, 2024), _edition(tmp_path, 2025)]
    serial = build(reports, tmp_path / "serial", processes=1)
    parallel = build(reports, tmp_path / "parallel", processes=2)
    assert serial.quads == parallel.quads
    dump = {
        name: open_store(tmp_path / name).dump(format=ox.RdfFormat.N_QUADS)
        for name in ("serial", "parallel")
    }
    assert sorted(dump["serial"].splitlines()) == sorted(dump["parallel"].splitlines())


def test_two_editions_giving_one_document_two_dates_are_refused(tmp_path: Path) -> None:
    good = tmp_path / "data"
    build([MINI], good)
    current = current_build(good)
    text = MINI.read_text(encoding="utf-8")
    assert f"2023年，工业和信息化部等六部门印发{PLAN}" in text
    moved = text.replace(
        f"2023年，工业和信息化部等六部门印发{PLAN}", f"2022年，工业和信息化部等六部门印发{PLAN}"
    )
    with pytest.raises(ValidationFailed) as failure:
        build([MINI, _edition(tmp_path, 2024, moved)], good, processes=2)
    [violation] = failure.value.report.violations
    assert violation.path == "<http://data.europa.eu/eli/ontology#date_document>"
    assert violation.rule == "MaxCount" and "Two editions disagree" in violation.message
    assert violation.value in ("2022 / 2023", "2023 / 2022")
    assert current_build(good) == current


def test_a_worker_that_finds_a_bad_report_fails_the_build_with_the_reports_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = edition_module.edition_graph

    def refuse_2024(edition, vocabularies):  # type: ignore[no-untyped-def]
        if edition.document.year == 2024:
            raise ReportFormatError(str(edition.path), "a table row has no cells")
        return original(edition, vocabularies)

    monkeypatch.setattr(edition_module, "edition_graph", refuse_2024)
    later = _edition(tmp_path, 2024)
    with pytest.raises(ReportFormatError) as failure:
        build([MINI, later], tmp_path / "data", processes=2)
    assert (
        failure.value.source == str(later) and failure.value.problem == "a table row has no cells"
    )
    assert not (tmp_path / "data" / "current").exists()


def test_a_worker_bug_is_reported_with_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Unpicklable(Exception):
        def __init__(self, a: str, b: str) -> None:
            super().__init__(f"{a}{b}")

    def broken(edition, vocabularies):  # type: ignore[no-untyped-def]
        raise Unpicklable("converter ", "broke")

    monkeypatch.setattr(edition_module, "edition_graph", broken)
    with pytest.raises(ChildFailed) as failure:
        build([MINI, _edition(tmp_path, 2024)], tmp_path / "data", processes=2)
    assert "converter broke" in str(failure.value)
    assert "in broken" in failure.value.details


def test_processes_must_be_a_positive_number(tmp_path: Path) -> None:
    result = run_cli("build", "--data-dir", str(tmp_path), "--processes", "0")
    assert result.returncode == 2
    assert "expected a whole number ≥ 1, got '0'" in result.stderr
