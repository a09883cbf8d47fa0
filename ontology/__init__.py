"""The tradekg ontology: namespaces, and the hand-edited Turtle files that ship with the package.

The Turtle files hold the classes and properties (``tradekg.ttl``), the SHACL shapes
(``shapes.ttl``) and the controlled vocabularies (``sectors.ttl``, ``regions.ttl``,
``agencies.ttl`` …). The vocabularies double as the extractor's gazetteer, so this module is
the one place that knows where they live.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

TKG = Namespace("https://w3id.org/tradekg/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
QB = Namespace("http://purl.org/linked-data/cube#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")

DEFAULT_BASE = "https://w3id.org/tradekg/"

#: Schema files: classes and properties, then the SHACL shapes.
SCHEMA_FILE = "tradekg.ttl"
SHAPES_FILE = "shapes.ttl"
#: Controlled vocabularies (SKOS schemes and reference organisations), loaded into every graph.
VOCABULARY_FILES = (
    "sectors.ttl",
    "regions.ttl",
    "units.ttl",
    "agencies.ttl",
    "policy-types.ttl",
    "agreements.ttl",
)

PREFIXES = {
    "tkg": TKG,
    "org": ORG,
    "eli": ELI,
    "qb": QB,
    "oa": OA,
    "sh": SH,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
}


def base_iri() -> str:
    """The base under which instance IRIs are minted (``TRADEKG_BASE`` overrides the default)."""
    base = os.environ.get("TRADEKG_BASE", DEFAULT_BASE)
    return base if base.endswith("/") else base + "/"


def id_namespace() -> Namespace:
    """Namespace of the graph's own resources: ``{base}id/…``."""
    return Namespace(base_iri() + "id/")


def ontology_files() -> list[str]:
    """Names of every Turtle file of the ontology package that exists, schema first."""
    names = [SCHEMA_FILE, *VOCABULARY_FILES]
    root = resources.files(__name__)
    return [name for name in names if root.joinpath(name).is_file()]


def read_text(name: str) -> str:
    """The text of one ontology file, read as package data."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def _parsed(name: str, base: str) -> Graph:
    graph = Graph()
    graph.parse(data=read_text(name), format="turtle", publicID=base)
    return graph


def load(name: str) -> Graph:
    """A fresh copy of one ontology file as an rdflib graph (callers may modify it).

    Vocabulary files write their IRIs relative (``@prefix sector: <id/sector/>``), so they
    resolve against the configured base like every other IRI of the graph.
    """
    copy = Graph()
    for triple in _parsed(name, base_iri()):
        copy.add(triple)
    return copy


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's usual prefixes on ``graph`` and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.bind("id", id_namespace())
    return graph
