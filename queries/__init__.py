"""Named SPARQL queries: one ``.rq`` file each, the file name is the query's name.

Each file opens with a header of ``#`` comments::

    # summary: One line saying what the query answers.
    # param: chapter  IRI of a chapter (bound as ?chapter)
    # returns: one row per …

Parameters are bound by the engine (pyoxigraph substitutions), never formatted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

_HEADER = re.compile(r"^#\s*(summary|param|returns)\s*:\s*(.*)$")


class UnknownQuery(KeyError):
    """No query file of that name."""


@dataclass(frozen=True)
class Param:
    """A parameter of a named query: the variable it binds and what it means."""

    name: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A query file: its name, header and text."""

    name: str
    summary: str
    returns: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)


def parse_query_file(name: str, text: str) -> NamedQuery:
    """Read the header comments of a query file.

    >>> q = parse_query_file("x", "# summary: S\\n# param: s  a subject\\nSELECT * {?s ?p ?o}")
    >>> q.summary, q.params[0].name
    ('S', 's')
    """
    summary, returns, params = "", "", []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, value = match.groups()
        if key == "summary":
            summary = value.strip()
        elif key == "returns":
            returns = value.strip()
        else:
            pname, _, description = value.strip().partition(" ")
            params.append(Param(pname.lstrip("?$"), description.strip()))
    return NamedQuery(name, summary, returns, text, tuple(params))


@cache
def catalogue() -> dict[str, NamedQuery]:
    """Every named query shipped with the package (``queries/*.rq``), by name."""
    root = resources.files(__name__)
    found = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name.removesuffix(".rq")
            found[name] = parse_query_file(name, entry.read_text(encoding="utf-8"))
    return found


@cache
def derivations() -> list[NamedQuery]:
    """The CONSTRUCT queries of ``queries/derive/`` that materialise links at build time."""
    folder = resources.files(__name__).joinpath("derive")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".construct.rq"):
            name = entry.name.removesuffix(".construct.rq")
            found.append(parse_query_file(name, entry.read_text(encoding="utf-8")))
    return found


def load(name: str) -> NamedQuery:
    """The named query ``name``; UnknownQuery when there is none."""
    try:
        return catalogue()[name]
    except KeyError:
        known = ", ".join(sorted(catalogue()))
        raise UnknownQuery(f"no query named '{name}' (known: {known})") from None


def load_from(folder: str, name: str) -> NamedQuery:
    """The query ``queries/<folder>/<name>.rq``: build-time queries kept out of the catalogue."""
    entry = resources.files(__name__).joinpath(folder, f"{name}.rq")
    if not entry.is_file():
        raise UnknownQuery(f"{folder}/{name}")
    return parse_query_file(name, entry.read_text(encoding="utf-8"))
