"""Every benchmark, one after the other: `make bench`, or `make bench QUICK=1` (under 2 min).

    .venv/bin/python bench/run.py [--quick]

Quick mode runs fewer repetitions, shorter load and 1 and 2 editions for scale; the full run
takes much longer (the multi-edition linkage queries dominate, see bench/README.md).
Results: bench/results/*.json.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

FULL = {
    "build.py": ["--runs", "5"],
    "queries.py": ["--repeat", "30", "--budget", "5"],
    "api.py": ["--clients", "4", "8", "--seconds", "10"],
    "scale.py": ["--editions", "1", "5", "20", "50"],
}
QUICK = {
    "build.py": ["--runs", "3"],
    "queries.py": ["--repeat", "3", "--budget", "0.3"],
    "api.py": ["--clients", "8", "--seconds", "2"],
    "scale.py": ["--editions", "1", "2", "--repeat", "3"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    plan = QUICK if parser.parse_args().quick else FULL
    started = time.perf_counter()
    for script, arguments in plan.items():
        print(f"== {script} {' '.join(arguments)}", flush=True)
        clock = time.perf_counter()
        done = subprocess.run([sys.executable, str(HERE / script), *arguments])
        if done.returncode != 0:
            return done.returncode
        print(f"== {script}: {time.perf_counter() - clock:.0f} s", flush=True)
    print(f"all benchmarks in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
