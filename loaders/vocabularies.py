"""Labels of the ontology's reference vocabularies, keyed for the policy extractor.

Agencies (ORG organisations), policy types and agreements are looked up by their zh and en
labels; each label maps to the resource's local name (``MIIT``, ``opinion``, ``RCEP``) and the
resource's reference data (a type's document class, an agency's jurisdiction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from tradekg.ontology import TKG, load


@dataclass(frozen=True)
class Labels:
    """Labels → local names, with a longest-first pattern to find them in text."""

    keys: dict[str, str]
    pattern: re.Pattern[str]

    def get(self, label: str) -> str | None:
        return self.keys.get(label)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every ``(start, end, key)`` of a label in ``text``, left to right, longest first."""
        return [(m.start(), m.end(), self.keys[m.group()]) for m in self.pattern.finditer(text)]


def local_name(resource: URIRef) -> str:
    return str(resource).rstrip("/").rsplit("/", 1)[-1]


def _labels(graph: Graph, resources: list[URIRef]) -> Labels:
    keys: dict[str, str] = {}
    for resource in resources:
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(resource, prop):
                if isinstance(label, Literal):
                    keys.setdefault(str(label), local_name(resource))
    words = sorted(keys, key=len, reverse=True)
    return Labels(keys, re.compile("|".join(re.escape(w) for w in words) or "(?!)"))


@cache
def agencies() -> Labels:
    """Agency names and abbreviations (zh and en) → agency key (``MIIT``)."""
    graph = load("agencies.ttl")
    return _labels(
        graph, [r for r in graph.subjects(RDF.type, TKG.Agency) if isinstance(r, URIRef)]
    )


@cache
def agreements() -> Labels:
    """Agreement names and abbreviations → agreement key (``RCEP``)."""
    graph = load("agreements.ttl")
    found = [r for r in graph.subjects(RDF.type, TKG.Agreement) if isinstance(r, URIRef)]
    return _labels(graph, found)


@cache
def agreement_statuses() -> Labels:
    """Words that state China's status in an agreement (生效, 申请加入 …) → status notation."""
    graph = load("agreements.ttl")
    keys: dict[str, str] = {}
    for concept, notation in graph.subject_objects(SKOS.notation):
        if "/agreement-status/" not in str(concept):
            continue
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(concept, prop):
                if isinstance(label, Literal) and label.language == "zh":
                    keys[str(label)] = str(notation)
    words = sorted(keys, key=len, reverse=True)
    return Labels(keys, re.compile("|".join(re.escape(w) for w in words)))


@cache
def home_region() -> str:
    """Notation of the region the series is about (``tkg:home true`` in regions.ttl)."""
    return home()[0]


@cache
def home() -> tuple[str, str]:
    """Notation and Chinese name of the region the series is about (``tkg:home true``): the
    scope of a figure whose sentence names no region."""
    graph = load("regions.ttl")
    for concept in graph.subjects(TKG.home, Literal(True)):
        names = [n for n in graph.objects(concept, SKOS.prefLabel) if n.language == "zh"]
        return str(graph.value(concept, SKOS.notation)), str(names[0]) if names else ""
    raise ValueError("regions.ttl marks no region with tkg:home true")


def _top_notations(name: str) -> set[str]:
    graph = load(name)
    return {str(graph.value(c, SKOS.notation)) for c in graph.subjects(SKOS.topConceptOf, None)}


@cache
def general_names() -> tuple[frozenset[str], frozenset[str]]:
    """Sector and region notations too general to be a document's target: the schemes' top
    concepts (services as a whole, the world) and the home region."""
    sectors = _top_notations("sectors.ttl")
    regions = _top_notations("regions.ttl") | {home_region()}
    return frozenset(sectors), frozenset(regions)


@dataclass(frozen=True)
class DocType:
    """A policy type: its notation (``opinion``) and the class of document it makes."""

    notation: str
    doc_class: str


@cache
def policy_types() -> dict[str, DocType]:
    """Title endings (意见, 实施方案, Review …) → the type they mark."""
    graph = load("policy-types.ttl")
    endings: dict[str, DocType] = {}
    for concept, notation in graph.subject_objects(SKOS.notation):
        doc_class = str(graph.value(concept, TKG.docClass) or "domestic")
        kind = DocType(str(notation), doc_class)
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(concept, prop):
                endings.setdefault(str(label), kind)
    return endings
