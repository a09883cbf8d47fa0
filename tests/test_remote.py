"""What the remote backend believes: a stand-in server that answers the way real ones misbehave
(Oxigraph's ``--timeout-s`` ending a 200 early, Virtuoso's partial results), and the errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tradekg.graph.remote import (
    Endpoint,
    RemoteIncomplete,
    RemoteRunner,
    RemoteUnavailable,
)
from tradekg.graph.workers import QueryJob, QueryParseError

FULL = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1"}}]}}'
#: path → (status, extra headers, body)
ANSWERS: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/full": (200, {}, FULL),
    "/cut": (200, {}, FULL[:40]),
    "/partial": (
        200,
        {"X-SQL-State": "S1TAT", "X-SQL-Message": "RC...: Returning incomplete results"},
        FULL,
    ),
    "/206": (206, {}, FULL),
    "/bad": (400, {}, b"Parse error: unexpected '}' at line 1\nmore detail"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status, headers, body = ANSWERS[self.path]
        self.send_response(status)
        self.send_header("Content-Type", "application/sparql-results+json")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def stand_in() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _run(url: str) -> object:
    runner = RemoteRunner(Endpoint(url), frozenset({"https://example.org/g"}), timeout=5)
    return runner.run(QueryJob("SELECT ?n WHERE { ?s ?p ?n }"))


def test_a_whole_answer_is_read(stand_in: str) -> None:
    answer = _run(stand_in + "/full")
    assert answer.rows == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["/cut", "/partial", "/206"])
def test_a_cut_or_partial_answer_is_an_error_not_fewer_rows(stand_in: str, path: str) -> None:
    with pytest.raises(RemoteIncomplete) as caught:
        _run(stand_in + path)
    assert caught.value.status == 502
    assert stand_in in str(caught.value)


def test_the_servers_own_error_comes_back_on_one_line(stand_in: str) -> None:
    with pytest.raises(QueryParseError) as caught:
        _run(stand_in + "/bad")
    assert "Parse error: unexpected '}'" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_down_server_is_unavailable() -> None:
    with pytest.raises(RemoteUnavailable) as caught:
        _run("http://127.0.0.1:9/query")
    assert caught.value.status == 503


def test_credentials_travel_as_basic_or_bearer() -> None:
    assert Endpoint("u", user="a", password="b").auth_headers() == {"Authorization": "Basic YTpi"}
    assert Endpoint("u", token="t").auth_headers() == {"Authorization": "Bearer t"}
    assert "secret" not in repr(Endpoint("u", token="secret-t", password="secret-p"))
