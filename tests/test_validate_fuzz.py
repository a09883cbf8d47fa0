"""Twenty random facts of the built graph flipped (seeded): SHACL and the integrity checks
catch every one, each on the node that was flipped and by the rule that says what is wrong."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from tradekg.graph.checks import checks_report, combine, store_of
from tradekg.graph.export import store_to_graph
from tradekg.graph.store import open_store
from tradekg.graph.validate import validate
from tradekg.ontology import OA, QB, TKG, id_namespace

SEED = 20231
FLIPS = 20
Expected = tuple[URIRef, set[str]]  # the flipped node and the rules that may catch it


class Picker:
    """Random, distinct nodes of the graph to flip."""

    def __init__(self, graph: Graph, rng: random.Random) -> None:
        self.graph, self.rng, self.used = graph, rng, set[URIRef]()

    def pick(self, kind: URIRef, where: Callable[[URIRef], bool] = lambda _: True) -> URIRef:
        nodes = sorted(
            n
            for n in self.graph.subjects(RDF.type, kind)
            if isinstance(n, URIRef) and n not in self.used and where(n)
        )
        node = self.rng.choice(nodes)
        self.used.add(node)
        return node

    def observation(self, unit: str | None = None) -> URIRef:
        g = self.graph
        return self.pick(
            QB.Observation, lambda n: unit is None or str(g.value(n, TKG.unit)) == unit
        )

    def evidence(self) -> tuple[URIRef, URIRef, URIRef]:
        """An observation's evidence with its quote and position selectors."""
        evidence = self.graph.value(self.observation(), PROV.wasDerivedFrom)
        assert isinstance(evidence, URIRef)
        quote = position = evidence
        for selector in self.graph.objects(evidence, OA.hasSelector):
            assert isinstance(selector, URIRef)
            if (selector, RDF.type, OA.TextQuoteSelector) in self.graph:
                quote = selector
            else:
                position = selector
        return evidence, quote, position


def _set(g: Graph, node: URIRef, predicate: URIRef, value: object) -> None:
    g.remove((node, predicate, None))
    g.add((node, predicate, value))  # type: ignore[arg-type]


def _obs(
    p: Picker, predicate: URIRef, value: object, rules: set[str], unit: str | None = None
) -> Expected:
    node = p.observation(unit)
    if value is None:
        p.graph.remove((node, predicate, None))
    else:
        _set(p.graph, node, predicate, value)
    return node, rules


ID = id_namespace()
DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
DOUBLE = URIRef("http://www.w3.org/2001/XMLSchema#double")
FLIP_KINDS: dict[str, Callable[[Picker], Expected]] = {
    "deleted period": lambda p: _obs(p, TKG.period, None, {"MinCount"}),
    "period as a word": lambda p: _obs(p, TKG.period, Literal("去年"), {"Pattern"}),
    "reversed period": lambda p: _obs(p, TKG.period, Literal("2023-2016"), {"period-impossible"}),
    "string for a number": lambda p: _obs(p, TKG.value, Literal("三百"), {"Datatype"}),
    "value as a double": lambda p: _obs(
        p, TKG.value, Literal("1.5", datatype=DOUBLE), {"Datatype"}
    ),
    "deleted unit": lambda p: _obs(p, TKG.unit, None, {"MinCount"}),
    "sector outside the scheme": lambda p: _obs(p, TKG.sector, ID["region/CN"], {"Node"}),
    "area outside the scheme": lambda p: _obs(p, TKG.area, ID["sector/SI"], {"Node"}),
    "flow outside the scheme": lambda p: _obs(p, TKG.flow, ID["measure/value"], {"Node"}),
    "measure outside the scheme": lambda p: _obs(p, TKG.measureType, ID["flow/export"], {"Node"}),
    "deleted evidence": lambda p: _obs(p, PROV.wasDerivedFrom, None, {"MinCount"}),
    "deleted data set": lambda p: _obs(p, QB.dataSet, None, {"MinCount"}),
    "normalised value off by ten": lambda p: _normalised(p),
    "wrong base unit": lambda p: _obs(
        p, TKG.normalizedUnit, Literal("CNY"), {"normalized-value"}, unit="亿美元"
    ),
    "empty quote": lambda p: _quote(p, ""),
    "quote not the text": lambda p: _quote(p, "这不是原文"),
    "shifted offsets": lambda p: _shifted(p),
    "line beyond the report": lambda p: _beyond(p),
    "title without language": lambda p: _title(p),
    "unknown block kind": lambda p: _block_kind(p),
    "finding with a bad severity": lambda p: _finding(p),
    "concept without a zh label": lambda p: _concept(p),
}


def _normalised(p: Picker) -> Expected:
    node = p.observation("亿美元")
    value = p.graph.value(node, TKG.normalizedValue)
    _set(p.graph, node, TKG.normalizedValue, Literal(value.toPython() * 10, datatype=DECIMAL))  # type: ignore[union-attr]
    return node, {"normalized-value"}


def _quote(p: Picker, text: str) -> Expected:
    evidence, quote, _ = p.evidence()
    _set(p.graph, quote, OA.exact, Literal(text))
    return evidence, {"QualifiedMinCount", "quote-not-at-offsets"}


def _shifted(p: Picker) -> Expected:
    evidence, _, position = p.evidence()
    for predicate in (OA.start, OA.end):
        _set(p.graph, position, predicate, Literal(int(p.graph.value(position, predicate)) + 1))  # type: ignore[arg-type]
    return evidence, {"quote-not-at-offsets"}


def _beyond(p: Picker) -> Expected:
    evidence, _, _ = p.evidence()
    for predicate in (TKG.startLine, TKG.endLine):
        _set(p.graph, evidence, predicate, Literal(100_000))
    return evidence, {"evidence-outside-block"}


def _title(p: Picker) -> Expected:
    section = p.pick(TKG.Section)
    _set(p.graph, section, DCTERMS.title, Literal(str(p.graph.value(section, DCTERMS.title))))
    return section, {"Datatype"}


def _block_kind(p: Picker) -> Expected:
    block = p.pick(TKG.Block)
    _set(p.graph, block, TKG.blockKind, Literal("poem"))
    return block, {"In"}


def _finding(p: Picker) -> Expected:
    finding = p.pick(TKG.AuditFinding)
    _set(p.graph, finding, TKG.severity, Literal("serious"))
    return finding, {"In"}


def _concept(p: Picker) -> Expected:
    sector = p.pick(SKOS.Concept, lambda n: "/sector/" in str(n))
    for label in list(p.graph.objects(sector, SKOS.prefLabel)):
        if getattr(label, "language", None) == "zh":
            p.graph.remove((sector, SKOS.prefLabel, label))
    return sector, {"QualifiedMinCount"}


def test_twenty_random_flips_are_each_caught(built_dir: Path) -> None:
    graph = store_to_graph(open_store(built_dir))
    rng = random.Random(SEED)
    picker = Picker(graph, rng)
    kinds = rng.sample(sorted(FLIP_KINDS), FLIPS)
    flipped = {kind: FLIP_KINDS[kind](picker) for kind in kinds}

    report = combine(validate(graph), checks_report(store_of(graph)))

    assert not report.conforms
    caught = {(v.focus, v.rule) for v in report.violations}
    missed = [
        kind
        for kind, (node, rules) in flipped.items()
        if not any((f"<{node}>", rule) in caught for rule in rules)
    ]
    assert not missed, f"not caught: {missed}\n{report.summary(limit=60)}"
    for violation in report.violations:
        assert violation.message and violation.focus.startswith("<")
