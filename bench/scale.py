"""Scale: 1, 5, 20, 50 synthetic editions in one build — time, disk, memory, query latency.

A synthetic edition is the bundled report with the edition year on its cover shifted by the
edition's offset and every decimal number scaled by a random factor in [0.9, 1.1] (seeded),
written as a text file and built with `tradekg build --report …` repeated (each edition its
own named graph). Years in the body stay: a document named in several editions keeps its date
(shifting them gave one document several dates, which the shapes rightly reject). For each
size: build time and peak resident memory of the build process, store size on disk, and the
p50/p95 of the linkage queries (policy, policy_targets, policy_outcomes of the document with
the median number of links) and of the observations query (sector SI) on the built store.

    .venv/bin/python bench/scale.py [--editions 1 5 20 50] [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import TRADEKG, deadline, documents, summary, timed, write_result

from tradekg import ontology, queries
from tradekg.graph.binding import with_values
from tradekg.graph.query import to_term
from tradekg.graph.store import open_store
from tradekg.loaders.reading import bundled_report_path

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_CONTENTS = re.compile(r"目\s*录")
_DECIMAL = re.compile(r"(?<![\d.])(\d+)\.(\d+)(?![\d.])")


def synthetic_edition(text: str, offset: int, seed: int) -> str:
    """The report with its cover's year shifted by ``offset`` and decimals scaled by 0.9–1.1."""
    rng = random.Random(seed)

    def scale(match: re.Match[str]) -> str:
        decimals = len(match.group(2))
        value = float(match.group(0)) * rng.uniform(0.9, 1.1)
        return f"{value:.{decimals}f}"

    match = _CONTENTS.search(text)
    cut = match.start() if match else 0
    cover = _YEAR.sub(lambda m: str(int(m.group(1)) + offset), text[:cut])
    return cover + _DECIMAL.sub(scale, text[cut:]) if offset else text


def write_editions(folder: Path, count: int) -> list[Path]:
    """``count`` edition files in ``folder``: the bundled report and shifted copies."""
    text = bundled_report_path().read_text(encoding="utf-8")
    paths = []
    for offset in range(count):
        path = folder / f"report-{offset:02d}.txt"
        path.write_text(synthetic_edition(text, offset, seed=offset), encoding="utf-8")
        paths.append(path)
    return paths


def timed_build(reports: list[Path], data_dir: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one `tradekg build` process."""
    command = [TRADEKG, "build", "--data-dir", str(data_dir), "--quiet"]
    for report in reports:
        command += ["--report", str(report)]
    clock = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - clock
    if status != 0:
        raise RuntimeError(f"build of {len(reports)} editions failed: {process.stderr.read()!r}")
    return seconds, usage.ru_maxrss / 1024


def latencies(data_dir: Path, repeat: int) -> dict[str, dict[str, float]]:
    """p50/p95 of a linkage (its three queries) and of an observations query, in ms."""
    store = open_store(data_dir)
    policy = to_term(documents(data_dir)["median"])
    texts = [
        with_values(queries.load(n).text, {"policy": policy})
        for n in ("policy", "policy_targets", "policy_outcomes")
    ]
    sector = to_term(str(ontology.id_namespace()) + "sector/SI")
    observations = with_values(queries.load("observations").text, {"sector": sector})

    def run_linkage() -> None:
        for text in texts:
            list(store.query(text, use_default_graph_as_union=True))

    def run_observations() -> None:
        list(store.query(observations, use_default_graph_as_union=True))

    return {
        "linkage": _bounded(run_linkage, repeat),
        "observations": _bounded(run_observations, repeat),
    }


def _bounded(run: Callable[[], None], repeat: int, limit: float = 60.0) -> dict[str, float]:
    """Latencies of ``run``; past ``limit`` seconds in all it is cut (``n`` 0, p50 = limit)."""
    try:
        with deadline(limit):
            return summary(timed(run, repeat))
    except TimeoutError:
        return {"p50": limit * 1000, "n": 0}


def measure(count: int, repeat: int) -> dict[str, object]:
    """Every figure for a build of ``count`` editions."""
    with tempfile.TemporaryDirectory() as folder:
        reports = write_editions(Path(folder), count)
        data_dir = Path(folder) / "data"
        seconds, peak_mb = timed_build(reports, data_dir)
        print(f"{count} editions built in {seconds:.1f} s, peak {peak_mb:.0f} MB", flush=True)
        store_dir = data_dir / "current" / "store"
        size = sum(f.stat().st_size for f in store_dir.resolve().rglob("*") if f.is_file())
        quads = len(open_store(data_dir))
        return {
            "editions": count,
            "quads": quads,
            "build_s": round(seconds, 2),
            "peak_rss_mb": round(peak_mb),
            "store_mb": round(size / 2**20, 1),
            **latencies(data_dir, repeat),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, nargs="+", default=[1, 5, 20, 50])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    rows = []
    for count in args.editions:
        row = measure(count, args.repeat)
        rows.append(row)
        link, obs = row["linkage"], row["observations"]
        assert isinstance(link, dict) and isinstance(obs, dict)
        print(
            f"{count:3} editions: {row['quads']} quads, build {row['build_s']} s, "
            f"peak {row['peak_rss_mb']} MB, store {row['store_mb']} MB, "
            f"linkage p50 {link['p50']} ms, observations p50 {obs['p50']} ms"
        )
    print(write_result("scale", {"sizes": rows}))


if __name__ == "__main__":
    main()
