"""Observations in the built graph: Data Cube observations with values, units and evidence."""

from __future__ import annotations

from pathlib import Path

from tradekg import queries
from tradekg.graph.query import execute, to_table
from tradekg.graph.store import open_store
from tradekg.ontology import id_namespace


def _rows(built_dir: Path, **params: str) -> list[dict[str, str]]:
    table = to_table(execute(open_store(built_dir), queries.load("observations").text, params))
    return [dict(zip(table.variables, row, strict=True)) for row in table.rows]


def test_china_service_exports_come_with_normalised_value_and_quote(
    built_dir: Path, report_text: str
) -> None:
    ids = id_namespace()
    rows = _rows(
        built_dir,
        sector=f"{ids}sector/S",
        area=f"{ids}region/CN",
        period="2023",
        flow=f"{ids}flow/export",
        measure=f"{ids}measure/value",
    )
    assert rows, "no 2023 service exports of China in the graph"
    first = rows[0]
    assert (first["value"], first["unit"]) == ("3811.2", "亿美元")
    assert (first["normalizedValue"], first["normalizedUnit"]) == ("381120000000", "USD")
    line = report_text.split("\n")[int(first["line"]) - 1]
    assert first["quote"] in line and "3811.2亿美元" in first["quote"]


def test_unbound_parameters_do_not_filter(built_dir: Path) -> None:
    everything = _rows(built_dir)
    exports = _rows(built_dir, flow=f"{id_namespace()}flow/export")
    assert len(everything) > 1000
    assert 0 < len(exports) < len(everything)
    assert all(row["flowConcept"].endswith("/flow/export") for row in exports)


def test_every_observation_quote_stands_at_its_offsets(built_dir: Path, report_text: str) -> None:
    query = """
    PREFIX oa: <http://www.w3.org/ns/oa#>
    PREFIX tkg: <https://w3id.org/tradekg/ontology#>
    SELECT ?exact ?start ?end WHERE {
      ?e a tkg:Evidence ; oa:hasSelector ?q, ?p .
      ?q a oa:TextQuoteSelector ; oa:exact ?exact .
      ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
    }"""
    table = to_table(execute(open_store(built_dir), query))
    assert len(table.rows) > 1000
    for exact, start, end in table.rows:
        assert report_text[int(start) : int(end)] == exact
