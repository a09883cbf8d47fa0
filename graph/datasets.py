"""The named graphs of a build, each triple stored once.

A document or agency named in several editions carries the same triples (its title, its type,
its issuers) in each edition's graph. Queries run over the union of the named graphs, and
pyoxigraph's union repeats a triple once per graph that holds it, so a pattern over such a
triple multiplies the solutions by the number of editions — and a join of ten such patterns
by ten to the tenth. Keeping every triple in the first graph that states it makes the union a
set again; the graphs still partition the data by where it first appears.
"""

from __future__ import annotations

from hashlib import blake2b

import pyoxigraph as ox


class DistinctLoader:
    """Loads N-Triples graph by graph into a store, each triple into the first graph stating it.

    Triples are compared by their N-Triples line, so every graph must come from the same
    serialiser (pyoxigraph's). Lines are remembered by a 128-bit digest, which keeps the memory
    for fifty editions in the hundreds of megabytes. The subjects that more than one report
    graph describes are collected on the way: only they can break a single-valued property
    once the graphs are stored together.
    """

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.counts: dict[str, int] = {}
        self.shared_subjects: set[str] = set()
        self._lines: set[bytes] = set()
        self._subjects: set[bytes] = set()

    def load(self, name: str, ntriples: bytes, *, track_subjects: bool = True) -> int:
        """Add the triples of ``ntriples`` no earlier graph holds to graph ``name``; how many."""
        kept = []
        for line in ntriples.splitlines(keepends=True):
            digest = blake2b(line, digest_size=16).digest()
            if digest not in self._lines:
                self._lines.add(digest)
                kept.append(line)
        if track_subjects:
            self._track(ntriples)
        self.store.bulk_load(b"".join(kept), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
        self.counts[name] = len(kept)
        return len(kept)

    def _track(self, ntriples: bytes) -> None:
        subjects = {line[: line.find(b" ")] for line in ntriples.splitlines() if line}
        for subject in subjects & self._subjects:
            if subject.startswith(b"<"):
                self.shared_subjects.add(subject[1:-1].decode("utf-8"))
        self._subjects |= subjects
