"""Shared fixtures: the bundled report, a small report cut from it, and one built graph."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from helpers import FIXTURES, free_port

from tradekg.graph.build import build
from tradekg.loaders.reading import bundled_report_path, read_report_text


@pytest.fixture(scope="session")
def report_text() -> str:
    return read_report_text(bundled_report_path())


@pytest.fixture(scope="session")
def mini_text() -> str:
    return (FIXTURES / "mini-report.zh.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding a graph built from the bundled report (built once per run)."""
    data_dir = tmp_path_factory.mktemp("data")
    build(None, data_dir)
    return data_dir


@pytest.fixture(scope="session")
def server(built_dir: Path) -> Iterator[str]:
    """A real ``tradekg serve`` process on a free port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from tradekg.api.cli import main; main()",
            "serve",
            "--data-dir",
            str(built_dir),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
        if process.poll() is not None:
            raise RuntimeError(process.stdout.read().decode() if process.stdout else "server died")
    else:
        process.kill()
        raise RuntimeError("tradekg serve did not answer within 60 s")
    yield url
    process.terminate()
    process.wait(timeout=10)
