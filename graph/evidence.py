"""Evidence spans: the exact words of the report a fact was read from, as Web Annotation
selectors (quote with prefix and suffix, character positions), its line and its block."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from tradekg.loaders.structure import Document
from tradekg.ontology import OA, TKG, id_namespace

from .rdf import add_selectors, block_iri, division_iris, report_iri

CONTEXT_CHARS = 16


@dataclass
class Spans:
    """Mints evidence nodes for one edition; the same span always gets the same IRI."""

    document: Document
    graph: Graph

    def __post_init__(self) -> None:
        # Resolved once: each id_namespace() reads the environment, which showed in profiles.
        self._ids = id_namespace()
        self._report = report_iri(self.document.year)
        self._blocks: dict[int, URIRef] = {}
        for block in self.document.blocks():
            for line in block.lines:
                self._blocks[line] = block_iri(self.document.year, block.first_line)
        iris = division_iris(self.document)
        self._chapters = [(c.line, c.last_line, iris[id(c)]) for c in self.document.chapters()]

    def add(self, line: int, start: int, quote: str) -> URIRef:
        """The evidence node of ``quote`` standing at ``start`` of 1-based ``line``."""
        year = self.document.year
        end = start + len(quote)
        node = self._ids[f"report/{year}/line/{line}/span/{start}-{end}"]
        if (node, RDF.type, TKG.Evidence) in self.graph:
            return node
        graph, line_text = self.graph, self.document.lines[line - 1]
        offset = self.document.line_offsets[line - 1] + start
        graph.add((node, RDF.type, TKG.Evidence))
        graph.add((node, OA.hasSource, self._report))
        graph.add((node, TKG.startLine, Literal(line)))
        graph.add((node, TKG.endLine, Literal(line)))
        block = self._blocks.get(line)
        if block is not None:
            graph.add((node, DCTERMS.isPartOf, block))
        add_selectors(graph, node, quote, offset, offset + len(quote))
        selector = URIRef(f"{node}#quote")
        graph.add((selector, OA.prefix, Literal(line_text[max(0, start - CONTEXT_CHARS) : start])))
        graph.add((selector, OA.suffix, Literal(line_text[end : end + CONTEXT_CHARS])))
        return node

    def chapter_of(self, line: int) -> URIRef | None:
        """The chapter holding ``line``, if any."""
        return next((iri for first, last, iri in self._chapters if first <= line <= last), None)
