"""English titles of the documents the report names in 《》, from ``ontology/titles-en.ttl``.

The file holds one entry per title, keyed by the Chinese title exactly as the extractor writes
it (``title_zh``). Most English titles are renderings made for tradekg; ``official`` is true only
where the document's official English title is well known. Agreements have no entry: their
English names come from ``agreements.ttl``.
"""

from __future__ import annotations

from rdflib import Literal

from tradekg.ontology import TKG, load

TITLES_FILE = "titles-en.ttl"


def english_titles() -> dict[str, tuple[str, bool]]:
    """Each Chinese title mapped to its English title and whether that English title is official.

    Raises ``ValueError`` when an entry lacks its English title or its official flag, or when
    two entries share a Chinese title.
    """
    graph = load(TITLES_FILE)
    titles: dict[str, tuple[str, bool]] = {}
    for entry, title_zh in graph.subject_objects(TKG.titleZh):
        title_en = graph.value(entry, TKG.titleEn)
        official = graph.value(entry, TKG.official)
        if not isinstance(title_en, Literal) or not isinstance(official, Literal):
            raise ValueError(f"{TITLES_FILE}: {title_zh} lacks tkg:titleEn or tkg:official")
        if str(title_zh) in titles:
            raise ValueError(f"{TITLES_FILE}: {title_zh} appears twice")
        titles[str(title_zh)] = (str(title_en), official.toPython() is True)
    return titles
