"""The ``tradekg`` command: build, validate, query and serve the graph.

A thin shell over graph/ and api/: it parses arguments, prints progress to stderr, and turns
every expected failure into a one-line error and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from tradekg.api import cli_remote
from tradekg.api.settings import Settings
from tradekg.api.tables import print_csv, print_table
from tradekg.graph import store
from tradekg.graph.build import build
from tradekg.graph.forked import ChildFailed
from tradekg.graph.guard import QueryRejected
from tradekg.graph.query import execute, serialize, to_table
from tradekg.graph.validate import ValidationFailed, validate
from tradekg.loaders.errors import ReportFormatError

EXIT_INPUT = 2
EXIT_INVALID = 1
EXIT_INTERNAL = 4


class CommandError(Exception):
    """An expected failure: printed as one line, exit status attached."""

    def __init__(self, message: str, status: int = EXIT_INPUT) -> None:
        super().__init__(message)
        self.status = status


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 1, got '{text}'")
    return int(text)


def _progress(quiet: bool) -> Callable[[str], None]:
    def say(message: str) -> None:
        if not quiet:
            print(f"tradekg: {message}", file=sys.stderr, flush=True)

    return say


def cmd_build(args: argparse.Namespace) -> int:
    try:
        result = build(
            args.report or None, args.data_dir, _progress(args.quiet), processes=args.processes
        )
    except ReportFormatError as error:
        raise CommandError(f"{error} (the last good graph is unchanged)") from None
    except ChildFailed as error:
        print(error.details, file=sys.stderr)
        raise CommandError(f"{error} (the last good graph is unchanged)", EXIT_INTERNAL) from None
    except ValidationFailed as error:
        print(error.report.summary(), file=sys.stderr)
        raise CommandError(
            "the built graph does not conform to the shapes; nothing was stored", EXIT_INVALID
        ) from None
    for problem in result.unresolved:
        print(f"tradekg: unresolved: {problem}", file=sys.stderr)
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in result.stages.items())
    print(f"built {result.quads} triples in {result.seconds:.2f}s ({stages}) → {args.data_dir}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from tradekg.graph.checks import checks_report, combine
    from tradekg.graph.export import store_to_graph

    graph = store_to_graph(_open(args.data_dir))
    report = combine(validate(graph), checks_report(_open(args.data_dir)))
    print(report.summary(limit=args.limit))
    return 0 if report.conforms else EXIT_INVALID


def cmd_query(args: argparse.Namespace) -> int:
    text = _query_text(args.query)
    params = dict(_pair(p) for p in args.param)
    if args.endpoint:
        return cli_remote.remote_query(args, text, params)
    try:
        result = execute(_open(args.data_dir), text, params)
    except QueryRejected as error:
        raise CommandError(f"query rejected: {error}") from None
    except SyntaxError as error:
        raise CommandError(f"query does not parse: {_first_line(error)}") from None
    except (RuntimeError, OSError) as error:
        raise CommandError(f"query failed: {_first_line(error)}") from None
    if args.format == "table":
        print_table(to_table(result))
    elif args.format == "csv":
        print_csv(to_table(result))
    else:
        sys.stdout.write(serialize(result, "json").decode("utf-8") + "\n")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from tradekg.graph.policies import agency_iri, agreement_iri, policy_iri
    from tradekg.loaders.agencies import extract_agencies
    from tradekg.loaders.agreements import extract_agreements
    from tradekg.loaders.observations import extract_observations, unresolved_lines
    from tradekg.loaders.policies import extract_policies
    from tradekg.loaders.reading import read_report_text
    from tradekg.loaders.structure import parse_report

    try:
        text = read_report_text(args.report)
        document = parse_report(text, source=str(args.report))
    except ReportFormatError as error:
        raise CommandError(str(error)) from None
    observations = extract_observations(text, year=document.year)
    if args.unresolved:
        for number in unresolved_lines(text, observations):
            row = {"kind": "unresolved", "line": number, "text": document.lines[number - 1]}
            _emit(row)
        return 0
    for observation in observations:
        _emit(observation.to_json())
    policies = extract_policies(text, year=document.year)
    for policy in policies:
        iri = agreement_iri(policy.agreement) if policy.agreement else policy_iri(policy.title_zh)
        _emit({**policy.to_json(), "iri": str(iri)})
    agreements = extract_agreements(text)
    for agreement in agreements:
        _emit({**agreement.to_json(), "iri": str(agreement_iri(agreement.key))})
    agencies = extract_agencies(text, policies)
    for agency in agencies:
        _emit({**agency.to_json(), "iri": str(agency_iri(agency.key)) if agency.key else None})
    counts = f"{len(observations)} observations, {len(policies)} documents, {len(agreements)} agreements, {len(agencies)} agencies"
    print(f"tradekg: {counts} from {args.report}", file=sys.stderr)
    return 0


def _emit(record: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def cmd_audit(args: argparse.Namespace) -> int:
    from tradekg.graph.audit_report import audit_editions, render_text
    from tradekg.loaders.reading import bundled_report_path

    try:
        audits = audit_editions(args.report or [bundled_report_path()])
    except ReportFormatError as error:
        raise CommandError(str(error)) from None
    severities = args.severity or ["contradiction", "rounding-level", "cannot-check", "consistent"]
    if args.format == "json":
        body = {"editions": [a.to_json(severities) for a in audits]}
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(render_text(audits, severities))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the whole graph for desktop tools (GraphML, GEXF, Cytoscape JSON via networkx) or
    as RDF (Turtle, JSON-LD, N-Triples), to --output or stdout."""
    from tradekg.graph.networkx_export import export_store

    body = export_store(_open(args.data_dir), args.format)
    if args.output:
        Path(args.output).write_bytes(body)
        print(f"tradekg: wrote {len(body)} bytes to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(body)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from tradekg.api.main import create_app

    endpoint = cli_remote.endpoint_from(args) if args.endpoint else None
    if endpoint is not None:
        cli_remote.check_remote(endpoint, args.query_timeout)
    try:
        if endpoint is None:
            store.current_build(args.data_dir)
    except store.StoreMissing:
        print(f"tradekg: no graph in {args.data_dir} yet; building it first", file=sys.stderr)
        cmd_build(
            argparse.Namespace(report=None, data_dir=args.data_dir, quiet=False, processes=None)
        )
    settings = Settings(
        query_timeout=args.query_timeout,
        row_cap=args.row_cap,
        query_workers=args.query_workers,
        max_body_bytes=args.max_body_bytes,
    )
    app = create_app(args.data_dir, settings, endpoint)
    where = f"from {args.endpoint}" if endpoint else f"with {settings.query_workers} query workers"
    print(
        f"tradekg: serving http://{args.host}:{args.port}/ {where}, "
        f"{settings.query_timeout:g} s per query, {settings.row_cap} rows at most (Ctrl-C stops)",
        file=sys.stderr,
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        # A GET may carry a query up to the guard's size limit, percent-encoded.
        h11_max_incomplete_event_size=settings.max_body_bytes,
    )
    return 0


def _query_text(argument: str) -> str:
    """The argument itself, or the content of the file it names."""
    looks_like_path = "\n" not in argument and len(argument) < 4096 and "{" not in argument
    if looks_like_path and Path(argument).is_file():
        return Path(argument).read_text(encoding="utf-8")
    if looks_like_path and argument.endswith(".rq"):
        raise CommandError(f"no such query file: {argument}")
    return argument


def _open(data_dir: Path):  # type: ignore[no-untyped-def]
    try:
        return store.open_store(data_dir)
    except store.StoreMissing as error:
        raise CommandError(str(error)) from None


def _first_line(error: Exception, limit: int = 160) -> str:
    line = str(error).splitlines()[0] if str(error) else type(error).__name__
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise CommandError(f"--param takes NAME=VALUE, got '{text}'")
    return name.lstrip("?$"), value


def parser() -> argparse.ArgumentParser:
    """The command-line interface, one subcommand per task."""
    main = argparse.ArgumentParser(prog="tradekg", description=__doc__.splitlines()[0])
    sub = main.add_subparsers(dest="command", required=True)
    data_dir = {
        "type": Path,
        "default": store.default_data_dir(),
        "help": "where graphs are built and read (default: $TRADEKG_DATA_DIR or ~/.local/share/tradekg)",
    }

    p = sub.add_parser(
        "build", help="build the graph from report files (default: the bundled 2023 report)"
    )
    p.add_argument(
        "--report",
        action="append",
        type=Path,
        metavar="FILE",
        help="a report text file; repeat for several editions",
    )
    p.add_argument("--data-dir", **data_dir)
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    p.add_argument(
        "--processes",
        type=_positive,
        default=None,
        metavar="N",
        help="editions prepared side by side (default: one per core)",
    )
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("validate", help="validate the current graph against the SHACL shapes")
    p.add_argument("--data-dir", **data_dir)
    p.add_argument("--limit", type=int, default=50, help="print at most this many violations")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("query", help="run a SPARQL query (text or file) on the current graph")
    p.add_argument("query", metavar="SPARQL_OR_FILE")
    p.add_argument("--data-dir", **data_dir)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind ?NAME to VALUE (an IRI or a string)",
    )
    cli_remote.endpoint_options(p, "run the query on this SPARQL server instead of the local build")
    p.add_argument(
        "--query-timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="with --endpoint: give up on the server after this long (default 60)",
    )
    p.set_defaults(run=cmd_query)
    cli_remote.add_load_parser(sub, data_dir)

    p = sub.add_parser("extract", help="print the facts found in a report as JSON Lines")
    p.add_argument("report", type=Path, metavar="REPORT")
    p.add_argument(
        "--unresolved",
        action="store_true",
        help="list the lines holding numbers that no fact took, instead of the facts",
    )
    p.set_defaults(run=cmd_extract)

    p = sub.add_parser("audit", help="cross-check a report's own numbers (sums, shares, growth…)")
    p.add_argument(
        "--report",
        action="append",
        type=Path,
        metavar="FILE",
        help="a report text file (default: the bundled one); repeat for several",
    )
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument(
        "--severity",
        action="append",
        choices=["contradiction", "rounding-level", "cannot-check", "consistent"],
        help="list only findings of this severity (repeatable; counts cover all)",
    )
    p.set_defaults(run=cmd_audit)

    p = sub.add_parser("export", help="write the graph as GraphML, GEXF, Cytoscape JSON or RDF")
    p.add_argument(
        "--format", choices=["graphml", "gexf", "cyjs", "ttl", "jsonld", "nt"], default="graphml"
    )
    p.add_argument("--data-dir", **data_dir)
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("serve", help="serve the SPARQL endpoint and API (builds first if needed)")
    p.add_argument("--data-dir", **data_dir)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    env = Settings.from_env()
    p.add_argument(
        "--query-timeout",
        type=float,
        default=env.query_timeout,
        metavar="SECONDS",
        help="stop a query after this long (default: $TRADEKG_QUERY_TIMEOUT or 10)",
    )
    p.add_argument(
        "--row-cap",
        type=int,
        default=env.row_cap,
        metavar="N",
        help="cut results after N rows, flagged (default: $TRADEKG_ROW_CAP or 10000)",
    )
    p.add_argument(
        "--query-workers",
        type=int,
        default=env.query_workers,
        metavar="N",
        help="query worker processes (default: $TRADEKG_QUERY_WORKERS or 2–4 by CPUs)",
    )
    p.add_argument(
        "--max-body-bytes",
        type=int,
        default=env.max_body_bytes,
        metavar="N",
        help="refuse larger requests with 413 (default: $TRADEKG_MAX_BODY_BYTES or 1000000)",
    )
    cli_remote.endpoint_options(
        p, "serve the graphs loaded into this SPARQL server, not the local build"
    )
    p.set_defaults(run=cmd_serve)
    return main


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    try:
        status = args.run(args)
    except CommandError as error:
        print(f"tradekg: error: {error}", file=sys.stderr)
        status = error.status
    except KeyboardInterrupt:
        status = 130
    sys.exit(status)
