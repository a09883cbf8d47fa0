"""Explorer pages: how long each takes to render in headless Chromium, for the largest
policy neighbourhood and the other heavy pages.

Starts ``tradekg serve`` on a data directory (building it when empty), finds the policy whose
graph view has the most nodes, then loads each page ``--repeat`` times in one browser and reads
``performance.mark("tkg-drawn")`` (set by app.js once the page is drawn, counted from navigation
start: request, server, parse, scripts, building the SVG) and ``tkg-painted`` (after the next
frame: style, layout and paint done). Beside them, the time the server takes
to answer the page's JSON twin (``….json``) alone. Usage:

    .venv/bin/python bench/ui_render.py [--repeat 15] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


MARKS = "['tkg-drawn', 'tkg-painted'].map((m) => performance.getEntriesByName(m)[0].startTime)"


def serve(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    """A ``tradekg serve`` process (it builds first when the directory holds no graph)."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from tradekg.api.cli import main; main()",
            "serve",
            "--data-dir",
            str(data_dir),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("server did not start")


def largest(base: str, kind: str, ids: list[str]) -> tuple[str, int]:
    sizes = [
        (len(httpx.get(f"{base}/api/graph/{kind}/{quote(i)}", timeout=60).json()["nodes"]), i)
        for i in ids
    ]
    size, key = max(sizes)
    return key, size


def pages(base: str) -> list[tuple[str, str]]:
    policies = [p["id"] for p in httpx.get(f"{base}/api/policies", timeout=60).json()["items"]]
    policy, size = largest(base, "policy", policies)
    print(f"largest policy neighbourhood: {policy} ({size} nodes) of {len(policies)} documents")
    return [
        ("home", "/"),
        ("search 算力", "/ui/search?q=" + quote("算力")),
        (f"policy (largest, {size} nodes)", f"/ui/policy/{quote(policy)}"),
        ("policy 算力…行动计划", "/ui/policy/" + quote("算力基础设施高质量发展行动计划")),
        ("sector SI", "/ui/sector/SI"),
        ("region CN", "/ui/region/CN"),
        ("agreement RCEP", "/ui/agreement/RCEP"),
        ("agency MIIT", "/ui/agency/MIIT"),
        ("charts", "/ui/charts"),
        ("sparql", "/ui/sparql"),
    ]


def twin(path: str) -> str:
    if path == "/":
        return "/ui/home.json"
    if "?" in path:
        head, _, query = path.partition("?")
        return f"{head}.json?{query}"
    return path + ".json" if path != "/ui/sparql" else path


def p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def measure(base: str, targets: list[tuple[str, str]], repeat: int) -> None:
    print(
        f"{'page':34} {'drawn p50':>10} {'p95':>6} {'painted p50':>12} {'p95':>6} {'max':>6} "
        f"{'JSON p50':>9}  (ms, {repeat} runs)"
    )
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tempfile.mkdtemp(),
            executable_path="/usr/bin/chromium",
            args=ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        page = context.new_page()
        for name, path in targets:
            drawn: list[float] = []
            painted: list[float] = []
            server: list[float] = []
            for _ in range(repeat):
                page.goto(base + path)
                page.wait_for_function("performance.getEntriesByName('tkg-painted').length > 0")
                marks = page.evaluate(MARKS)
                drawn.append(marks[0])
                painted.append(marks[1])
                start = time.perf_counter()
                httpx.get(base + twin(path), timeout=60)
                server.append((time.perf_counter() - start) * 1000)
            print(
                f"{name:34} {statistics.median(drawn):10.0f} {p(drawn, 0.95):6.0f} "
                f"{statistics.median(painted):12.0f} {p(painted, 0.95):6.0f} {max(painted):6.0f} "
                f"{statistics.median(server):9.0f}"
            )
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.mkdtemp()))
    parser.add_argument("--port", type=int, default=8791)
    args = parser.parse_args()
    process = serve(args.data_dir, args.port)
    try:
        base = f"http://127.0.0.1:{args.port}"
        measure(base, pages(base), args.repeat)
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
