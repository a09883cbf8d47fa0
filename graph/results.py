"""Query results written in the standard formats, cut at a row cap and saying so.

pyoxigraph serialises a whole result at once, so a capped result is written here: SELECT rows
in the four W3C result formats (SPARQL 1.1 Query Results JSON, XML, CSV and TSV), graphs
through pyoxigraph's RDF serialisers. Where a format has room for it, a cut result carries a
marker: a ``"truncated"`` member in JSON (clients ignore unknown members), a comment in XML,
Turtle and N-Triples. CSV, TSV, JSON-LD and RDF/XML carry none; the HTTP layer adds a header.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row = Sequence[Term | None]

#: SELECT and ASK result formats, by the short name used throughout.
RESULT_FORMATS = ("json", "xml", "csv", "tsv")
#: The API's own compact form of rows (no W3C format): ``[variables, rows]`` as JSON, each cell
#: a term's plain value (IRI, literal's lexical form, blank node label) or null. Its lookups
#: read nothing else, and it is 3–6× quicker to write and read than SPARQL JSON.
VALUES = "values"
#: CONSTRUCT and DESCRIBE formats, by short name.
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def cut_note(cap: int) -> str:
    """The words a cut result carries."""
    return f"result truncated at {cap} rows (the endpoint's row cap)"


def write_solutions(
    variables: Sequence[str], rows: Sequence[Row], fmt: str, truncated_at: int | None = None
) -> bytes:
    """SELECT rows in one of RESULT_FORMATS; ``truncated_at`` is the cap when rows were cut.

    >>> x = ox.NamedNode("http://x")
    >>> write_solutions(["s", "n"], [[x, None]], "csv")
    b's,n\\r\\nhttp://x,\\r\\n'
    >>> write_solutions(["s"], [[ox.Literal("a", language="en")]], "tsv")
    b'?s\\n"a"@en\\n'
    >>> write_solutions(["s", "n"], [[x, ox.Literal("1", datatype=ox.NamedNode("http://i"))]], VALUES)
    b'[["s", "n"], [["http://x", "1"]]]'
    """
    writer = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv, VALUES: _values}[fmt]
    return writer(variables, rows, truncated_at)


def read_values(body: bytes) -> tuple[list[str], list[list[str | None]]]:
    """Variables and rows of a VALUES answer.

    >>> read_values(b'[["s", "n"], [["http://x", null]]]')
    (['s', 'n'], [['http://x', None]])
    """
    variables, rows = json.loads(body)
    return variables, rows


def write_boolean(value: bool, fmt: str) -> bytes:
    """An ASK answer in one of RESULT_FORMATS (CSV and TSV as a one-cell table)."""
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == VALUES:
        return json.dumps([["boolean"], [[str(value).lower()]]]).encode()
    if fmt == "xml":
        word = "true" if value else "false"
        return (f"{_XML_HEAD}<head/><boolean>{word}</boolean></sparql>\n").encode()
    return (("?boolean" if fmt == "tsv" else "boolean") + "\n" + str(value).lower() + "\n").encode()


def write_triples(
    triples: Sequence[ox.Triple],
    fmt: str,
    truncated_at: int | None = None,
    prefixes: dict[str, str] | None = None,
) -> bytes:
    """Triples in one of GRAPH_FORMATS, with a comment marker in Turtle and N-Triples if cut;
    ``prefixes`` shorten IRIs where the format has prefixes (Turtle, RDF/XML)."""
    usable = prefixes if fmt in ("turtle", "rdfxml") else None
    body = ox.serialize(list(triples), format=GRAPH_FORMATS[fmt], prefixes=usable) or b""
    if truncated_at is not None and fmt in ("turtle", "ntriples"):
        body = f"# {cut_note(truncated_at)}\n".encode() + body
    return body


def term_json(term: Term) -> dict[str, str]:
    """One RDF term as a SPARQL JSON results binding."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        binding = {"type": "literal", "value": term.value}
        if term.language:
            binding["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            binding["datatype"] = term.datatype.value
        return binding
    return {"type": "triple", "value": str(term)}


def _json(variables: Sequence[str], rows: Sequence[Row], cap: int | None) -> bytes:
    bindings = [
        {v: term_json(t) for v, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    document: dict[str, object] = {"head": {"vars": list(variables)}}
    document["results"] = {"bindings": bindings}
    if cap is not None:
        document["truncated"] = True
        document["note"] = cut_note(cap)
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _values(variables: Sequence[str], rows: Sequence[Row], cap: int | None) -> bytes:
    table = [[None if t is None else _value(t) for t in row] for row in rows]
    return json.dumps([list(variables), table], ensure_ascii=False).encode("utf-8")


def _value(term: Term) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal) else str(term)


_XML_HEAD = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _xml(variables: Sequence[str], rows: Sequence[Row], cap: int | None) -> bytes:
    out = [_XML_HEAD]
    if cap is not None:
        out.append(f"<!-- {cut_note(cap)} -->")
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables))
    out.append("</head><results>")
    for row in rows:
        cells = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(variables, row, strict=True)
            if t is not None
        )
        out.append(f"<result>{cells}</result>")
    out.append("</results></sparql>\n")
    return "\n".join(out).encode("utf-8")


def _csv(variables: Sequence[str], rows: Sequence[Row], cap: int | None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if t is None else _plain(t) for t in row])
    return buffer.getvalue().encode("utf-8")


def _tsv(variables: Sequence[str], rows: Sequence[Row], cap: int | None) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _plain(term: Term) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)
