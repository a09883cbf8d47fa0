"""The command line's remote-server side: ``tradekg load`` and ``--endpoint`` on query and serve.

Kept beside api/cli.py so the command stays one small module per concern; the shared helpers
(errors, output, the data directory) come from there, imported when a command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from typing import Any

from tradekg.graph.remote import TOKEN_VARIABLE, Endpoint

EXIT_REMOTE = 3
PASSWORD_VARIABLE = "TRADEKG_ENDPOINT_PASSWORD"


def endpoint_from(args: argparse.Namespace) -> Endpoint:
    """The server named on the command line. Updates go to the query URL unless an update or
    Graph Store endpoint is given; the password and a bearer token may come from the
    environment, so they stay out of the process list."""
    update = getattr(args, "update_endpoint", None)
    graph_store = getattr(args, "store_endpoint", None)
    return Endpoint(
        query_url=args.endpoint,
        update_url=update or (None if graph_store else args.endpoint),
        store_url=graph_store,
        user=args.user,
        password=args.password or os.environ.get(PASSWORD_VARIABLE),
        token=os.environ.get(TOKEN_VARIABLE) or None,
    )


def cmd_load(args: argparse.Namespace) -> int:
    """Push the current build's named graphs into a SPARQL server, each replaced whole."""
    from tradekg.graph.remote import RemoteError
    from tradekg.graph.remote_load import load_store

    from .cli import CommandError, _open, _progress

    endpoint = endpoint_from(args)
    try:
        loaded = load_store(_open(args.data_dir), endpoint, args.graph, _progress(args.quiet))
    except RemoteError as error:
        raise CommandError(f"load failed: {error}", EXIT_REMOTE) from None
    total = sum(graph.triples for graph in loaded)
    print(f"loaded {total} triples in {len(loaded)} named graphs into {args.endpoint}")
    return 0


def remote_query(args: argparse.Namespace, text: str, params: dict[str, str]) -> int:
    """``tradekg query --endpoint``: the same query, bound the same way, run on the server."""
    from tradekg.graph.backends import open_remote
    from tradekg.graph.guard import QueryRejected, check_query
    from tradekg.graph.query import Table
    from tradekg.graph.workers import QueryError, QueryJob

    from .cli import EXIT_INPUT, CommandError
    from .named import read_json
    from .tables import print_csv, print_table

    graph_format = "turtle" if args.format == "json" else "ntriples"
    try:
        runner = open_remote(endpoint_from(args), args.query_timeout)
        checked = check_query(text, frozenset(runner.graphs))
        job = QueryJob(text, params, "json", graph_format, row_cap=10**9)
        answer = runner.run(replace(job, union_default_graph=not checked.has_dataset))
    except QueryRejected as error:
        raise CommandError(f"query rejected: {error}") from None
    except QueryError as error:
        status = EXIT_INPUT if error.status == 400 else EXIT_REMOTE
        raise CommandError(f"query failed: {error}", status) from None
    if args.format == "json":
        sys.stdout.write(answer.body.decode("utf-8") + "\n")
        return 0
    rows = read_json(answer)
    table = Table(rows.variables, [[r[v] or "" for v in rows.variables] for r in rows.rows])
    (print_table if args.format == "table" else print_csv)(table)
    return 0


def check_remote(endpoint: Endpoint, timeout: float) -> None:
    """Stop with one line, before serving, when the server is down or holds no tradekg graph."""
    from tradekg.graph.backends import open_remote
    from tradekg.graph.remote import RemoteError

    from .cli import CommandError

    try:
        open_remote(endpoint, timeout)
    except RemoteError as error:
        raise CommandError(str(error), EXIT_REMOTE) from None


def endpoint_options(p: argparse.ArgumentParser, what: str, required: bool = False) -> None:
    """--endpoint and how to sign in to it."""
    p.add_argument("--endpoint", metavar="QUERY_URL", required=required, help=what)
    p.add_argument("--user", help="HTTP Basic user for the server")
    p.add_argument(
        "--password",
        help=f"HTTP Basic password (or ${PASSWORD_VARIABLE}); a bearer token: ${TOKEN_VARIABLE}",
    )


def add_load_parser(sub: Any, data_dir: dict[str, Any]) -> None:
    """The ``load`` subcommand and its options."""
    p = sub.add_parser("load", help="push the current build's named graphs into a SPARQL server")
    p.add_argument("--data-dir", **data_dir)
    endpoint_options(p, "the server's SPARQL query endpoint (checks what was loaded)", True)
    p.add_argument(
        "--update-endpoint",
        metavar="URL",
        help="its SPARQL Update endpoint (default: the query endpoint, unless --store-endpoint)",
    )
    p.add_argument(
        "--store-endpoint",
        metavar="URL",
        help="its Graph Store Protocol endpoint (one PUT a graph)",
    )
    p.add_argument(
        "--graph",
        action="append",
        default=[],
        metavar="IRI",
        help="load only this named graph of the build (repeatable; default: all)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    p.set_defaults(run=cmd_load)
