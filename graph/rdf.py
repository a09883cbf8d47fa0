"""Records → RDF: the report, its divisions and blocks as a graph, with Web Annotation selectors.

Pure functions: they take the loaders' records and return rdflib graphs; nothing here touches
files or stores.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from tradekg.loaders.structure import Block, Division, Document
from tradekg.ontology import OA, TKG, bind_prefixes, id_namespace

from .labels import label_index, normalise_label

_DIVISION_CLASS = {
    "part": TKG.Part,
    "chapter": TKG.Chapter,
    "section": TKG.Section,
    "subsection": TKG.Subsection,
}


@dataclass
class Conversion:
    """A graph made from records, and what could not be resolved on the way (reported, not guessed)."""

    graph: Graph
    unresolved: list[str] = field(default_factory=list)


def report_iri(year: int) -> URIRef:
    """IRI of one edition: ``{base}id/report/2023``."""
    return id_namespace()[f"report/{year}"]


def block_iri(year: int, line: int) -> URIRef:
    """IRI of the block that starts on ``line`` of an edition."""
    return id_namespace()[f"report/{year}/line/{line}"]


def division_iris(document: Document) -> dict[int, URIRef]:
    """IRI of every division, keyed by ``id()`` of the division: readable paths by order."""
    base = f"report/{document.year}"
    iris: dict[int, URIRef] = {}
    for top in document.divisions:
        prefix = "part" if top.kind == "part" else "chapter"
        _name_division(top, f"{base}/{prefix}/{top.order}", iris)
    return iris


def _name_division(division: Division, path: str, iris: dict[int, URIRef]) -> None:
    iris[id(division)] = id_namespace()[path]
    for child in division.children:
        if child.kind == "chapter":
            child_path = f"report/{path.split('/')[1]}/chapter/{child.order}"
        else:
            child_path = f"{path}/{child.kind}/{child.order}"
        _name_division(child, child_path, iris)


def document_to_graph(
    document: Document, text: str, agencies: Graph, into: Graph | None = None
) -> Conversion:
    """The report, its divisions and blocks as RDF; contributors resolved against ``agencies``.

    Written into ``into`` when given (the build fills one graph per edition: copying graphs
    costs as much as making them), else into a new graph.
    """
    graph = bind_prefixes(Graph() if into is None else into)
    report = report_iri(document.year)
    _add_report(graph, report, document, text)
    iris = division_iris(document)
    index = label_index(agencies, TKG.Agency)
    unresolved: list[str] = []
    for top in document.divisions:
        _add_division(graph, top, None, report, iris, document, index, unresolved)
    return Conversion(graph, unresolved)


def _add_report(graph: Graph, report: URIRef, document: Document, text: str) -> None:
    graph.add((report, RDF.type, TKG.Report))
    graph.add((report, DCTERMS.title, Literal(f"{document.title} {document.year}", lang="zh")))
    graph.add((report, TKG.edition, Literal(str(document.year), datatype=XSD.gYear)))
    graph.add((report, TKG.lineCount, Literal(document.line_count)))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    graph.add((report, TKG.sha256, Literal(digest)))
    graph.add((report, DCTERMS.language, Literal("zh")))


def _add_division(
    graph: Graph,
    division: Division,
    parent: URIRef | None,
    report: URIRef,
    iris: dict[int, URIRef],
    document: Document,
    agencies: dict[str, URIRef],
    unresolved: list[str],
) -> None:
    node = iris[id(division)]
    graph.add((node, RDF.type, _DIVISION_CLASS[division.kind]))
    graph.add((node, DCTERMS.title, Literal(division.title, lang="zh")))
    graph.add((node, TKG.order, Literal(division.order)))
    graph.add((node, TKG.startLine, Literal(division.line)))
    graph.add((node, TKG.endLine, Literal(division.last_line)))
    graph.add((node, TKG.report, report))
    if parent is not None:
        graph.add((node, DCTERMS.isPartOf, parent))
    if division.toc_page is not None:
        graph.add((node, TKG.tocPage, Literal(division.toc_page)))
    if division.contributor:
        _add_contributor(graph, node, division, document.year, agencies, unresolved)
    for block in division.blocks:
        add_block(graph, block, node, report, document)
    for child in division.children:
        _add_division(graph, child, node, report, iris, document, agencies, unresolved)


def _add_contributor(
    graph: Graph,
    node: URIRef,
    chapter: Division,
    year: int,
    agencies: dict[str, URIRef],
    unresolved: list[str],
) -> None:
    name = chapter.contributor or ""
    graph.add((node, TKG.contributorName, Literal(name)))
    if chapter.contributor_line is not None:
        graph.add((node, TKG.contributorEvidence, block_iri(year, chapter.contributor_line)))
    agency = agencies.get(normalise_label(name))
    if agency is None:
        unresolved.append(
            f"line {chapter.contributor_line}: contributing agency '{name}' of chapter "
            f"'{chapter.title}' is not in ontology/agencies.ttl"
        )
        return
    graph.add((node, TKG.contributor, agency))


def add_block(
    graph: Graph, block: Block, division: URIRef, report: URIRef, document: Document
) -> URIRef:
    """One block with its quote and position selectors; returns its IRI."""
    node = block_iri(document.year, block.first_line)
    graph.add((node, RDF.type, TKG.Block))
    graph.add((node, TKG.blockKind, Literal(block.kind)))
    graph.add((node, TKG.startLine, Literal(block.first_line)))
    graph.add((node, TKG.endLine, Literal(block.last_line)))
    graph.add((node, OA.hasSource, report))
    graph.add((node, DCTERMS.isPartOf, division))
    exact = "\n".join(document.lines[block.first_line - 1 : block.last_line])
    add_selectors(graph, node, exact, block.start, block.end)
    return node


def add_selectors(graph: Graph, node: URIRef, exact: str, start: int, end: int) -> None:
    """Web Annotation selectors of a span: its exact words and its character positions."""
    quote, position = URIRef(f"{node}#quote"), URIRef(f"{node}#position")
    graph.add((node, OA.hasSelector, quote))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(exact)))
    graph.add((node, OA.hasSelector, position))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(start)))
    graph.add((position, OA.end, Literal(end)))
