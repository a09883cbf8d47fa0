"""The extractor's gazetteer, read from the ontology's SKOS vocabularies (one source of truth).

Sector and region names (zh prefLabels and altLabels) map to their ``skos:notation``; flow words
(进出口, 出口, 顺差 …) map to the flow codes of ``units.ttl``. Matching is longest-first, so
``电信、计算机和信息服务`` wins over ``信息服务`` and ``北美洲`` over ``美``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from tradekg.ontology import load


@dataclass(frozen=True)
class Vocabulary:
    """zh labels of one vocabulary, each mapped to its notation, with a longest-first regex."""

    codes: dict[str, str]
    pattern: re.Pattern[str]
    preferred: dict[str, str]  # notation -> zh prefLabel

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every ``(start, end, notation)`` of a label in ``text``, left to right."""
        return [(m.start(), m.end(), self.codes[m.group()]) for m in self.pattern.finditer(text)]

    def last(self, text: str) -> str | None:
        """The notation of the last label written in ``text``, if any."""
        hits = self.find(text)
        return hits[-1][2] if hits else None

    def preferred_name(self, name: str, context: str) -> str:
        """The concept's prefLabel for a name that is one of its other labels, when ``context``
        (the paragraph) uses that prefLabel too: the report's own name for what it measures."""
        code = self.codes.get(name)
        label = self.preferred.get(code or "", name)
        return label if label != name and label in context else name


def _zh_labels(graph: Graph, scheme_filter: str = "") -> tuple[dict[str, str], dict[str, str]]:
    codes: dict[str, str] = {}
    preferred: dict[str, str] = {}
    for concept, notation in graph.subject_objects(SKOS.notation):
        if scheme_filter and scheme_filter not in str(concept):
            continue
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(concept, prop):
                if isinstance(label, Literal) and label.language == "zh":
                    codes.setdefault(str(label), str(notation))
                    if prop == SKOS.prefLabel:
                        preferred[str(notation)] = str(label)
    return codes, preferred


def _vocabulary(labels: tuple[dict[str, str], dict[str, str]]) -> Vocabulary:
    codes, preferred = labels
    words = sorted(codes, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words) or "(?!)")
    return Vocabulary(codes, pattern, preferred)


@lru_cache(maxsize=1)
def sectors() -> Vocabulary:
    """Sector names -> EBOPS (or tradekg) notation, from ``sectors.ttl``."""
    return _vocabulary(_zh_labels(load("sectors.ttl")))


@lru_cache(maxsize=1)
def regions() -> Vocabulary:
    """Region names -> ISO 3166 (or tradekg) notation, from ``regions.ttl``."""
    return _vocabulary(_zh_labels(load("regions.ttl")))


@lru_cache(maxsize=1)
def flows() -> Vocabulary:
    """Flow words -> flow code (total, export …), from the flow scheme of ``units.ttl``."""
    codes, preferred = _zh_labels(load("units.ttl"), "/flow/")
    return _vocabulary(({w: c for w, c in codes.items() if c != "none"}, preferred))
