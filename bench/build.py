"""Build time: `tradekg build` of the bundled report, each stage and the whole, median of N.

Each run is a fresh process (as a user runs it) into a fresh data directory; the stage times
are the ones `tradekg build` prints — read; graph (parse, extract, convert, derive); then, at
the same time, store (pyoxigraph: the N-Triples, the check queries, the on-disk load, in the
parent) and validate (pyshacl, in forked children, a share of the shapes each; the longest
child's time); store_and_validate is that overlapped section's wall time. The wall time
includes start-up.

    .venv/bin/python bench/build.py [--runs 5] [--tradekg COMMAND] [--name build]

``--tradekg`` runs another `tradekg` executable (say, an older checkout's) for a before/after.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from common import TRADEKG, build_graph, write_result

_LINE = re.compile(r"built (\d+) triples in ([\d.]+)s \((.*)\)")


def parse_stages(line: str) -> tuple[int, float, dict[str, float]]:
    """Triples, whole seconds and stage seconds from the last line of `tradekg build`."""
    match = _LINE.search(line)
    if match is None:
        raise ValueError(f"unexpected build output: {line}")
    stages = {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+)s", match.group(3))}
    return int(match.group(1)), float(match.group(2)), stages


def run(runs: int, tradekg: str = TRADEKG) -> dict[str, object]:
    """``runs`` builds; the median of every stage, of the whole and of the process."""
    samples: list[tuple[float, float, dict[str, float]]] = []
    triples = 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            clock = time.perf_counter()
            triples, whole, stages = parse_stages(build_graph(Path(folder), tradekg=tradekg))
            samples.append((time.perf_counter() - clock, whole, stages))
    names = list(samples[0][2])
    median = {n: round(statistics.median(s[2][n] for s in samples), 3) for n in names}
    return {
        "triples": triples,
        "runs": runs,
        "stages_median_s": median,
        "build_median_s": round(statistics.median(s[1] for s in samples), 3),
        "process_median_s": round(statistics.median(s[0] for s in samples), 3),
        "build_s": [s[1] for s in samples],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tradekg", default=TRADEKG, help="the tradekg executable to time")
    parser.add_argument("--name", default="build", help="results file: bench/results/NAME.json")
    args = parser.parse_args()
    figures = run(args.runs, args.tradekg)
    stages = figures["stages_median_s"]
    assert isinstance(stages, dict)
    print(f"{figures['triples']} triples, median of {figures['runs']} builds (s)")
    for name, seconds in stages.items():
        print(f"  {name:10} {seconds:7.3f}")
    print(
        f"  {'build':10} {figures['build_median_s']:7.3f}  (process {figures['process_median_s']})"
    )
    print(write_result(args.name, figures))


if __name__ == "__main__":
    main()
