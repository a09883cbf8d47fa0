"""Reading a SPARQL 1.1 Protocol request: the query, the dataset, refusals of updates.

The protocol allows three ways to send a query (GET ``?query=``, a form POST, a POST of
``application/sparql-query``) and says where ``default-graph-uri`` / ``named-graph-uri`` go in
each. Parameters are decoded strictly as UTF-8 (invalid bytes are a 400, not silently
replaced), and anything that is an update, through any route, is refused with 403.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from fastapi import HTTPException

READ_ONLY = (
    "this endpoint is read-only: SPARQL Update is not accepted here, by any route "
    "(the graph changes only through `tradekg build`)"
)
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


@dataclass(frozen=True)
class ProtocolRequest:
    """A query request as the protocol defines it."""

    query: str | None
    default_graphs: tuple[str, ...] = field(default_factory=tuple)
    named_graphs: tuple[str, ...] = field(default_factory=tuple)

    @property
    def has_dataset(self) -> bool:
        """Whether the request names its own dataset (which overrides the query's FROM)."""
        return bool(self.default_graphs or self.named_graphs)


def decode_params(raw: bytes, where: str) -> list[tuple[str, str]]:
    """``application/x-www-form-urlencoded`` pairs, decoded strictly as UTF-8; 400 otherwise.

    >>> decode_params(b"query=ASK%7B%7D&x=%E4%B8%AD", "the URL")
    [('query', 'ASK{}'), ('x', '中')]
    """
    try:
        text = raw.decode("ascii")
        return parse_qsl(text, keep_blank_values=True, errors="strict", encoding="utf-8")
    except UnicodeDecodeError as error:
        raise HTTPException(
            400, f"{where} is not valid UTF-8 (byte {error.start}): send the query as UTF-8"
        ) from None
    except ValueError as error:
        raise HTTPException(400, f"{where} cannot be read: {error}") from None


def from_params(
    pairs: list[tuple[str, str]], graphs_from: list[tuple[str, str]]
) -> ProtocolRequest:
    """The request from its parameters; graph IRIs are read from ``graphs_from``."""
    names = {name for name, _ in pairs}
    if "update" in names:
        raise HTTPException(403, READ_ONLY)
    queries = [value for name, value in pairs if name == "query"]
    if len(queries) > 1:
        raise HTTPException(400, "give exactly one 'query' parameter")
    return ProtocolRequest(
        queries[0] if queries else None,
        tuple(v for n, v in graphs_from if n == "default-graph-uri"),
        tuple(v for n, v in graphs_from if n == "named-graph-uri"),
    )


def from_post(content_type: str, body: bytes, url_pairs: list[tuple[str, str]]) -> ProtocolRequest:
    """A POSTed request: form-encoded or a bare query; a bare update is refused."""
    media = content_type.split(";")[0].strip().lower()
    if media == SPARQL_UPDATE:
        raise HTTPException(403, READ_ONLY)
    if media == FORM:
        pairs = decode_params(body, "the form body")
        return from_params(pairs, pairs)
    if media == SPARQL_QUERY:
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise HTTPException(
                400, f"the query is not valid UTF-8 (byte {error.start}): send it as UTF-8"
            ) from None
        return from_params([("query", query)], url_pairs)
    raise HTTPException(
        415, f"POST a query as {FORM} or {SPARQL_QUERY}, not {media or 'no content type'}"
    )
