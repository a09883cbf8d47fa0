"""Policy, agreement and agency records → RDF (ELI documents, ORG agencies, agreements), each
mention an evidence span. Issuers resolve against the agency vocabulary; what does not resolve
stays as the name written (tkg:issuerName) and is reported."""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from tradekg.loaders.agencies import Agency
from tradekg.loaders.agreements import Agreement
from tradekg.loaders.policies import Names, Policy
from tradekg.loaders.structure import Document
from tradekg.loaders.vocabularies import agencies as agency_labels
from tradekg.loaders.vocabularies import home_region
from tradekg.ontology import ELI, TKG, id_namespace

from .evidence import Spans
from .observations import notation_index
from .titles import english_titles

_IRI_UNSAFE = re.compile(r"[\s<>\"{}|\\^`“”‘’《》/?#%]+")


def policy_iri(title: str) -> URIRef:
    """``{base}id/policy/<title>``: the title itself, made IRI-safe, so the same document in
    two editions is one node."""
    return id_namespace()["policy/" + _IRI_UNSAFE.sub("", title)]


def agreement_iri(key: str) -> URIRef:
    return id_namespace()[f"agreement/{key}"]


def agency_iri(key: str) -> URIRef:
    return id_namespace()[f"agency/{key}"]


def _date(text: str) -> Literal | None:
    if re.fullmatch(r"\d{4}", text):
        return Literal(text, datatype=XSD.gYear)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return Literal(text, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return Literal(text, datatype=XSD.date)
    return None


def policies_to_graph(
    policies: list[Policy],
    agreements: list[Agreement],
    agencies: list[Agency],
    document: Document,
    vocabularies: Graph,
    into: Graph | None = None,
) -> tuple[Graph, list[str]]:
    """The documents, agreements and agency mentions of one edition; returns what did not resolve.

    Written into ``into`` when given (no copy of the edition's graph), else into a new graph.
    """
    graph = Graph() if into is None else into
    spans = Spans(document, graph)
    index = notation_index(vocabularies)
    unresolved: list[str] = []
    english = english_titles()
    for policy in policies:
        if policy.agreement is None:
            _add_policy(graph, policy, spans, index, unresolved)
            _add_english_title(graph, policy, english)
    for agreement in agreements:
        _add_agreement(graph, agreement, spans, index, unresolved)
    for agency in agencies:
        if agency.key is not None:
            for mention in agency.mentions:
                graph.add(
                    (
                        agency_iri(agency.key),
                        TKG.mention,
                        spans.add(mention.line, mention.start, mention.quote),
                    )
                )
    return graph, unresolved


def _add_policy(
    graph: Graph,
    policy: Policy,
    spans: Spans,
    index: dict[tuple[str, str], URIRef],
    unresolved: list[str],
) -> None:
    node = policy_iri(policy.title_zh)
    graph.add(
        (node, RDF.type, TKG.Publication if policy.doc_class == "publication" else TKG.Policy)
    )
    graph.add((node, ELI.title, Literal(policy.title_zh, lang="zh")))
    graph.add((node, TKG.docClass, Literal(policy.doc_class)))
    policy_type = index.get(("policy-type", policy.type))
    if policy_type is not None:
        graph.add((node, TKG.policyType, policy_type))
    date = _date(policy.date)
    if date is not None:
        graph.add((node, ELI.date_document, date))
    if policy.doc_no:
        graph.add((node, ELI.id_local, Literal(policy.doc_no)))
    if policy.issuer_count:
        graph.add((node, TKG.issuerCount, Literal(policy.issuer_count)))
    _add_issuers(graph, node, policy, unresolved)
    _add_names(graph, node, TKG.titleNames, policy.title_names, index)
    for mention in policy.mentions:
        evidence = spans.add(mention.line, mention.start, mention.quote)
        graph.add((node, TKG.mention, evidence))
        _add_names(graph, evidence, TKG.sentenceNames, mention.names, index)
        chapter = spans.chapter_of(mention.line)
        if chapter is not None:
            graph.add((node, TKG.chapter, chapter))


def _add_english_title(graph: Graph, policy: Policy, english: dict[str, tuple[str, bool]]) -> None:
    """The English title, official or a rendering made for the graph (marked which)."""
    if policy.title_zh not in english:
        return
    title, official = english[policy.title_zh]
    node = policy_iri(policy.title_zh)
    graph.add((node, TKG.titleEn, Literal(title, lang="en")))
    graph.add((node, TKG.titleEnOfficial, Literal(official)))


def _add_names(
    graph: Graph,
    node: URIRef,
    predicate: URIRef,
    names: Names,
    index: dict[tuple[str, str], URIRef],
) -> None:
    """Sectors, regions and agreements named in a title or a sentence, as vocabulary concepts."""
    keyed = [("sector", names.sectors), ("region", names.regions)]
    for scheme, codes in keyed:
        for code in codes:
            concept = index.get((scheme, code))
            if concept is not None:
                graph.add((node, predicate, concept))
    for key in names.agreements:
        graph.add((node, predicate, agreement_iri(key)))


def _add_issuers(graph: Graph, node: URIRef, policy: Policy, unresolved: list[str]) -> None:
    for name in policy.issuers_zh:
        graph.add((node, TKG.issuerName, Literal(name, lang="zh")))
        key = agency_labels().get(name)
        if key is None:
            unresolved.append(
                f"line {policy.mentions[0].line}: issuer '{name}' of 《{policy.title_zh}》 is not in ontology/agencies.ttl"
            )
            continue
        graph.add((node, ELI.passed_by, agency_iri(key)))


def _add_agreement(
    graph: Graph,
    agreement: Agreement,
    spans: Spans,
    index: dict[tuple[str, str], URIRef],
    unresolved: list[str],
) -> None:
    node = agreement_iri(agreement.key)
    if agreement.partner is not None:
        graph.add((node, RDF.type, TKG.Agreement))
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, agreement_iri("scheme")))
        graph.add((node, SKOS.notation, Literal(agreement.key)))
        graph.add((node, SKOS.prefLabel, Literal(agreement.name_zh, lang="zh")))
        for code in (home_region(), agreement.partner):
            party = index.get(("region", code))
            if party is None:
                unresolved.append(
                    f"agreement {agreement.key}: party '{code}' is not in the region vocabulary"
                )
            else:
                graph.add((node, TKG.party, party))
    if agreement.status:
        status = index.get(("agreement-status", agreement.status))
        if status is not None:
            graph.add((node, TKG.status, status))
        date = _date(agreement.status_date)
        if date is not None:
            graph.add((node, TKG.statusDate, date))
    for mention in agreement.mentions:
        graph.add((node, TKG.mention, spans.add(mention.line, mention.start, mention.quote)))
