"""Plain HTML pages for browsers: the SPARQL query editor and a resource's page.

No scripts and nothing fetched from elsewhere: a form, a table, escaped text. The full browser
UI is built later; these pages make the endpoint and the IRIs usable from a browser now.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from html import escape

from tradekg import ontology
from tradekg.graph.results import cut_note

_EXPLORED = re.compile(r"^(policy|sector|region|agency|agreement)/([^/]+)$")
EXAMPLE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
_STYLE = (
    "body{font-family:sans-serif;margin:2em;max-width:80em}"
    "textarea{width:100%;font-family:monospace}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .4em;"
    "text-align:left;vertical-align:top}pre{background:#f6f6f6;padding:1em;overflow:auto}"
)


def page(title: str, body: str) -> str:
    """A complete HTML document."""
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body>{body}</body></html>"
    )


def editor(
    query: str | None, examples: Sequence[tuple[str, str]], results: str = "", error: str = ""
) -> str:
    """The query editor: a form posting back to ``/sparql``, the results below it."""
    options = "".join(
        f'<li><a href="?query={escape(_quote(text))}">{escape(name)}</a></li>'
        for name, text in examples
    )
    body = (
        "<h1>tradekg SPARQL endpoint</h1>"
        '<p><a href="/ui/sparql">The explorer\'s editor</a>: highlighting, one-click examples, '
        "CSV download, CONSTRUCT results as a graph.</p>"
        '<form method="get" action="sparql">'
        f'<textarea name="query" rows="12">{escape(query or EXAMPLE)}</textarea>'
        '<p><button type="submit">Run query</button></p></form>'
        + (f'<p role="alert"><strong>{escape(error)}</strong></p>' if error else "")
        + results
        + f"<h2>Named queries</h2><ul>{options}</ul>"
    )
    return page("tradekg SPARQL endpoint", body)


def results_table(body: bytes, truncated_at: int | None, link: Callable[[str], str]) -> str:
    """SPARQL JSON results as an HTML table; IRIs become links made by ``link``."""
    document = json.loads(body)
    if "boolean" in document:
        return f"<p>Answer: <strong>{str(document['boolean']).lower()}</strong></p>"
    variables = document["head"]["vars"]
    head = "".join(f"<th>?{escape(v)}</th>" for v in variables)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_cell(b.get(v), link)}</td>" for v in variables) + "</tr>"
        for b in document["results"]["bindings"]
    )
    count = len(document["results"]["bindings"])
    note = f" ({escape(cut_note(truncated_at))})" if truncated_at else ""
    return f"<p>{count} rows{note}</p><table><tr>{head}</tr>{rows}</table>"


def graph_text(body: bytes) -> str:
    """A CONSTRUCT or DESCRIBE result shown as its Turtle text."""
    return f"<pre>{escape(body.decode('utf-8'))}</pre>"


def resource(
    iri: str,
    outgoing: Sequence[tuple[str, str, bool]],
    incoming: Sequence[tuple[str, str]],
    link: Callable[[str], str],
) -> str:
    """A resource's page: (property, value, value-is-IRI) rows, then what points to it."""
    out = "".join(
        f"<tr><td>{_link(p, link)}</td><td>{_link(v, link) if is_iri else escape(v)}</td></tr>"
        for p, v, is_iri in outgoing
    )
    into = "".join(
        f"<tr><td>{_link(s, link)}</td><td>{_link(p, link)}</td></tr>" for s, p in incoming
    )
    body = (
        f"<h1>{escape(iri)}</h1>{_explorer_link(iri)}<p>Also served as <code>text/turtle</code> and "
        "<code>application/ld+json</code> (ask with the Accept header).</p>"
        f"<table><tr><th>property</th><th>value</th></tr>{out}</table>"
        + (
            f"<h2>Referred to by</h2><table><tr><th>resource</th><th>property</th></tr>{into}</table>"
            if into
            else ""
        )
    )
    return page(iri, body)


def _explorer_link(iri: str) -> str:
    """A link to the explorer's page for a policy, sector, region, agency or agreement."""
    match = _EXPLORED.match(iri.removeprefix(ontology.base_iri() + "id/"))
    if not match or not iri.startswith(ontology.base_iri()):
        return ""
    href = f"/ui/{match[1]}/{_quote(match[2])}"
    return f'<p><a href="{escape(href)}">Open in the explorer</a></p>'


def _cell(binding: dict[str, str] | None, link: Callable[[str], str]) -> str:
    if binding is None:
        return ""
    if binding["type"] == "uri":
        return _link(binding["value"], link)
    return escape(binding["value"])


def _link(iri: str, link: Callable[[str], str]) -> str:
    return f'<a href="{escape(link(iri))}">{escape(iri)}</a>'


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")
