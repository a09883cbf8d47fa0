"""Scale: 1, 5, 20, 50 synthetic editions in one build — time, disk, memory, query latency.

A synthetic edition ``k`` (k = 0, 1, …) is the bundled report moved ``k`` years on, as a real
later edition would be: every year in it, cover and body, is shifted by ``k`` (so the edition
year, the periods of its figures, its policy dates and the years in its titles and document
numbers all move), and every decimal number is scaled by a random factor in [0.9, 1.1]
(seeded by ``k``). Edition 0 is the bundled report unchanged. A year that would pass 2099
stays as written (the extractor reads years 1900–2099; only far-off targets such as 2060 are
concerned), and an integer followed by a counter (``近2000家``) is a count, not a year.

Documents. A document is identified by its title, so a title that names no year and carries a
date (``《质量强国建设纲要》`` of 2023-02) would, shifted, be one document with a date per
edition, which the shapes rightly reject. Such a title gets its own year in edition ``k``:
``《质量强国建设纲要（2024年版）》`` (the year of its shifted date). A trailing ``（…年版）`` is
how the series itself tells versions apart, and the extractor reads it as part of the title
without changing the document's type, issuers or date. So each edition reports its own dated
documents (as a real edition reports that year's new measures), while undated documents (laws
and plans named without a date, 59 of the 2023 edition's 110) are one node mentioned by every
edition. Each synthetic edition extracts as many observations and documents as the original.

Each size is one ``tradekg build --report …`` process (each edition its own named graph):
wall time and peak resident memory (the build and its workers summed, sampled every 50 ms), store size on disk and quads; then on the
built store the p50/p95 of the linkage queries (policy, policy_targets, policy_outcomes of
the document with the median number of links, each query's p50 too, and of the document with
the most links) and of the observations query (sector SI). ``--keep DIR`` keeps each size's
reports and store in ``DIR/editions-N`` and reuses them when present (the build figures are
read back; ``--rebuild`` builds again), for latency-only reruns.

    .venv/bin/python bench/scale.py [--editions 1 5 20 50] [--repeat 20] [--keep DIR]
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import random
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import TRADEKG, deadline, documents, summary, timed, write_result
from procfs import tree_rss

from tradekg import ontology, queries
from tradekg.graph.binding import with_values
from tradekg.graph.query import to_term
from tradekg.graph.store import open_store
from tradekg.loaders.policies import extract_policies
from tradekg.loaders.reading import bundled_report_path
from tradekg.loaders.structure import parse_report

_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?![\d.%]|\s*[家个万亿人项件户元])")
_CONTENTS = re.compile(r"目\s*录")
_DECIMAL = re.compile(r"(?<![\d.])(\d+)\.(\d+)(?![\d.])")
LINKAGE = ("policy", "policy_targets", "policy_outcomes")
FIGURES = ("quads", "build_s", "peak_rss_mb", "store_mb", "linkage_p50", "observations_p50")


def shift_years(text: str, offset: int) -> str:
    """Every year in ``text`` moved by ``offset`` (years past 2099 and counts stay).

    >>> shift_years("2016-2023年，近2000家，2022.2亿美元，2060年前", 1)
    '2017-2024年，近2000家，2022.2亿美元，2061年前'
    """

    def move(match: re.Match[str]) -> str:
        year = int(match.group(1)) + offset
        return str(year) if year <= 2099 else match.group(1)

    return _YEAR.sub(move, text)


@functools.lru_cache(maxsize=4)
def dated_titles(text: str) -> dict[str, int]:
    """Titles of the report's dated documents that name no year, with their date's year."""
    year = parse_report(text, source="synthetic").year
    return {
        p.title_zh: int(p.date[:4])
        for p in extract_policies(text, year=year)
        if p.date and not _YEAR.search(p.title_zh)
    }


def synthetic_edition(text: str, offset: int, seed: int) -> str:
    """The report ``offset`` years on: years shifted, dated titles versioned, decimals scaled."""
    if not offset:
        return text
    rng = random.Random(seed)

    def scale(match: re.Match[str]) -> str:
        decimals = len(match.group(2))
        value = float(match.group(0)) * rng.uniform(0.9, 1.1)
        return f"{value:.{decimals}f}"

    shifted = shift_years(text, offset)
    for title, year in sorted(dated_titles(text).items(), key=lambda t: -len(t[0])):
        shifted = shifted.replace(f"《{title}》", f"《{title}（{year + offset}年版）》")
    match = _CONTENTS.search(shifted)
    cut = match.start() if match else 0
    return shifted[:cut] + _DECIMAL.sub(scale, shifted[cut:])


def write_editions(folder: Path, count: int) -> list[Path]:
    """``count`` edition files in ``folder``: the bundled report and shifted copies."""
    text = bundled_report_path().read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for offset in range(count):
        path = folder / f"report-{offset:02d}.txt"
        path.write_text(synthetic_edition(text, offset, seed=offset), encoding="utf-8")
        paths.append(path)
    return paths


def timed_build(reports: list[Path], data_dir: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one `tradekg build`: the build process and its
    worker processes together, sampled every 50 ms."""
    command = [TRADEKG, "build", "--data-dir", str(data_dir), "--quiet"]
    for report in reports:
        command += ["--report", str(report)]
    clock = time.perf_counter()
    peak = 0
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - clock
        if process.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise RuntimeError(f"build of {len(reports)} editions failed: {' | '.join(tail)}")
    return seconds, peak / 2**20


def latencies(data_dir: Path, repeat: int) -> dict[str, object]:
    """p50/p95 of a linkage (its three queries, and each alone) and of an observations query."""
    store = open_store(data_dir)
    chosen = documents(data_dir)
    policy = chosen["median"]
    texts = {n: with_values(queries.load(n).text, {"policy": to_term(policy)}) for n in LINKAGE}
    busiest = [
        with_values(queries.load(n).text, {"policy": to_term(chosen["busiest"])}) for n in LINKAGE
    ]
    sector = to_term(str(ontology.id_namespace()) + "sector/SI")
    observations = with_values(queries.load("observations").text, {"sector": sector})

    def run(*chosen: str) -> Callable[[], None]:
        def go() -> None:
            for text in chosen:
                list(store.query(text, use_default_graph_as_union=True))

        return go

    rows = {n: len(list(store.query(t, use_default_graph_as_union=True))) for n, t in texts.items()}
    rows["observations"] = len(list(store.query(observations, use_default_graph_as_union=True)))
    return {
        "document": policy,
        "rows": rows,
        "linkage": _bounded(run(*texts.values()), repeat),
        "busiest": chosen["busiest"],
        "linkage_busiest": _bounded(run(*busiest), repeat),
        "observations": _bounded(run(observations), repeat),
        "per_query_p50": {n: _bounded(run(t), repeat)["p50"] for n, t in texts.items()},
    }


def _bounded(
    run: Callable[[], None], repeat: int, budget: float = 30.0, limit: float = 300.0
) -> dict[str, float]:
    """Latencies of ``run``: ``repeat`` runs, fewer once ``budget`` seconds are spent (at least
    one); past ``limit`` seconds in all it is cut (``n`` 0, p50 = limit)."""
    try:
        with deadline(limit):
            return summary(timed(run, repeat, budget))
    except TimeoutError:
        return {"p50": limit * 1000, "n": 0}


def built(count: int, folder: Path, rebuild: bool) -> dict[str, object]:
    """Build ``count`` editions into ``folder`` (or reuse that build) and its build figures."""
    record = folder / "scale-build.json"
    data_dir = folder / "data"
    if record.exists() and (data_dir / "current").exists() and not rebuild:
        print(f"{count} editions: reusing the build in {folder}", flush=True)
        return json.loads(record.read_text("utf-8"))
    shutil.rmtree(data_dir, ignore_errors=True)
    reports = write_editions(folder / "reports", count)
    seconds, peak_mb = timed_build(reports, data_dir)
    print(f"{count} editions built in {seconds:.1f} s, peak {peak_mb:.0f} MB", flush=True)
    store_dir = (data_dir / "current").resolve() / "store"
    size = sum(f.stat().st_size for f in store_dir.rglob("*") if f.is_file())
    figures = {
        "editions": count,
        "quads": len(open_store(data_dir)),
        "build_s": round(seconds, 2),
        "peak_rss_mb": round(peak_mb),
        "store_mb": round(size / 2**20, 1),
        "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    record.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    return figures


def measure(count: int, repeat: int, keep: Path | None, rebuild: bool) -> dict[str, object]:
    """Every figure for a build of ``count`` editions (kept under ``keep`` when given)."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = (keep or Path(scratch)) / f"editions-{count}"
        try:
            figures = built(count, folder, rebuild)
        except RuntimeError as error:
            print(error, flush=True)
            return {"editions": count, "error": str(error)}
        found = latencies(folder / "data", repeat)
        linkage, observations = found["linkage"], found["observations"]
        assert isinstance(linkage, dict) and isinstance(observations, dict)
        return {
            **figures,
            "linkage_p50": linkage["p50"],
            "observations_p50": observations["p50"],
            **found,
        }


def growth(rows: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    """How each figure grows with the editions: the ratio from the smallest to the largest
    size, and the exponent ``b`` of a least-squares fit ``figure ∝ editions^b`` (1 = linear).

    >>> rows = [{"editions": 1, "quads": 10}, {"editions": 4, "quads": 40}]
    >>> growth(rows)["quads"]
    {'ratio': 4.0, 'editions_ratio': 4.0, 'exponent': 1.0, 'verdict': 'linear'}
    """
    done = [r for r in rows if "error" not in r]
    found: dict[str, dict[str, object]] = {}
    if len(done) < 2:
        return found
    xs = [math.log(float(r["editions"])) for r in done]  # type: ignore[arg-type]
    for name in (n for n in FIGURES if all(n in r for r in done)):
        ys = [math.log(max(float(r[name]), 1e-9)) for r in done]  # type: ignore[arg-type]
        mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mean_x) ** 2 for x in xs
        )
        found[name] = {
            "ratio": round(math.exp(ys[-1] - ys[0]), 1),
            "editions_ratio": round(math.exp(xs[-1] - xs[0]), 1),
            "exponent": round(slope, 2),
            "verdict": "better than linear"
            if slope < 0.9
            else "linear"
            if slope <= 1.1
            else "worse than linear",
        }
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, nargs="+", default=[1, 5, 20, 50])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) reports and stores here")
    parser.add_argument("--rebuild", action="store_true", help="build again even when kept")
    args = parser.parse_args()
    rows = []
    for count in sorted(args.editions):
        row = measure(count, args.repeat, args.keep, args.rebuild)
        rows.append(row)
        if "error" not in row:
            print(
                f"{count:3} editions: {row['quads']} quads, build {row['build_s']} s, "
                f"peak {row['peak_rss_mb']} MB, store {row['store_mb']} MB, "
                f"linkage p50 {row['linkage_p50']} ms {row['per_query_p50']}, "
                f"observations p50 {row['observations_p50']} ms, rows {row['rows']}",
                flush=True,
            )
    grown = growth(rows)
    for name, g in grown.items():
        print(
            f"{name}: ×{g['ratio']} for ×{g['editions_ratio']} editions, "
            f"exponent {g['exponent']} ({g['verdict']})"
        )
    print(write_result("scale", {"sizes": rows, "growth": grown}))


if __name__ == "__main__":
    main()
