"""English titles of the documents the report names: the file parses, and covers the report."""

from __future__ import annotations

from collections import Counter

from rdflib import Graph, Literal

from tradekg.graph.titles import TITLES_FILE, english_titles
from tradekg.loaders.policies import extract_policies
from tradekg.loaders.reading import bundled_report_path, read_report_text
from tradekg.ontology import TKG, base_iri, load, read_text


def test_every_title_in_the_file_parses() -> None:
    text = read_text(TITLES_FILE)
    graph = Graph().parse(data=text, format="turtle", publicID=base_iri())
    entries = set(graph.subjects(TKG.titleZh))
    # One entry per line, none merged into another by a repeated IRI.
    assert len(entries) == sum(line.startswith("title:") for line in text.splitlines())
    for entry in entries:
        for predicate in (TKG.titleZh, TKG.titleEn, TKG.official):
            values = list(graph.objects(entry, predicate))
            assert len(values) == 1, (entry, predicate, values)
            assert isinstance(values[0], Literal) and str(values[0]).strip(), (entry, predicate)
        official = graph.value(entry, TKG.official)
        assert isinstance(official, Literal) and isinstance(official.toPython(), bool), entry
        assert str(graph.value(entry, TKG.titleZh)) == str(graph.value(entry, TKG.titleZh)).strip()
    assert len(english_titles()) == len(entries)


def test_no_chinese_title_appears_twice() -> None:
    counts = Counter(str(title) for title in load(TITLES_FILE).objects(None, TKG.titleZh))
    assert [title for title, count in counts.items() if count > 1] == []


def test_every_document_of_the_bundled_report_has_an_english_title() -> None:
    policies = extract_policies(read_report_text(bundled_report_path()))
    titles = english_titles()
    documents = [policy.title_zh for policy in policies if not policy.agreement]
    assert documents
    assert [title for title in documents if title not in titles] == []
    assert all(titles[title][0].strip() for title in documents)
