"""The named graphs of a build, each triple stored once.

A document or agency named in several editions carries the same triples (its title, its type,
its issuers) in each edition's graph. Queries run over the union of the named graphs, and
pyoxigraph's union repeats a triple once per graph that holds it, so a pattern over such a
triple multiplies the solutions by the number of editions — and a join of ten such patterns
by ten to the tenth. Keeping every triple in the first graph that states it makes the union a
set again; the graphs still partition the data by where it first appears.
"""

from __future__ import annotations

from rdflib import Graph


def distinct_triples(graphs: dict[str, Graph]) -> dict[str, Graph]:
    """Drop from each graph, in order, the triples an earlier graph already holds (in place).

    >>> from rdflib import URIRef
    >>> t = (URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:o"))
    >>> a, b = Graph(), Graph()
    >>> _ = a.add(t), b.add(t), b.add((t[0], t[1], URIRef("urn:x")))
    >>> {name: len(g) for name, g in distinct_triples({"a": a, "b": b}).items()}
    {'a': 1, 'b': 1}
    """
    seen: set[tuple[object, object, object]] = set()
    ordered = list(graphs.values())
    for index, graph in enumerate(ordered):
        if seen:
            for triple in [t for t in graph if t in seen]:
                graph.remove(triple)
        if index + 1 < len(ordered):
            seen.update(graph)
    return graphs
