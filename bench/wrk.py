"""Load from Debian's ``wrk``: a Lua script walks a list of URLs, its figures come back as JSON."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any


def find_wrk() -> str:
    """The ``wrk`` command, installing Debian's package first when it is missing."""
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        sys.exit("the benchmark needs wrk: install it (Debian: `apt-get install -y wrk`) and rerun")
    print("bench: wrk not found; installing Debian's wrk (apt-get install -y wrk)")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    return shutil.which("wrk") or sys.exit("apt-get installed no wrk command")


def lua(paths: list[str], headers: dict[str, str], report: Path) -> str:
    """A wrk script: GET ``paths`` in turn, write requests, errors and latencies as JSON."""
    listed = ",\n".join(f'  "{path}"' for path in paths)
    sent = ", ".join(f'["{name}"] = "{value}"' for name, value in headers.items())
    return f"""local paths = {{
{listed}
}}
local headers = {{ {sent} }}
local turn = 0
request = function()
  turn = turn % #paths + 1
  return wrk.format("GET", paths[turn], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  local out = io.open("{report}", "w")
  out:write(string.format(
    '{{"requests": %d, "seconds": %.6f, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50": %.3f, "p95": %.3f, "p99": %.3f, "mean": %.3f, ' ..
    '"max": %.3f}}',
    summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000))
  out:close()
end
"""


def with_wrk(
    wrk: str, url: str, paths: list[str], headers: dict[str, str], clients: int, seconds: int
) -> dict[str, Any]:
    """``clients`` wrk connections GETting ``paths`` (with ``headers``) in turn for ``seconds``."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        script = Path(scratch) / "walk.lua"
        script.write_text(lua(paths, headers, report), "utf-8")
        command = [wrk, "-t1", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "10s"]
        subprocess.run([*command, "-s", str(script), url], check=True, capture_output=True)
        raw = json.loads(report.read_text("utf-8"))
    errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
    done = raw["requests"] - raw["status"]
    figures = {k: raw[k] for k in ("p50", "p95", "p99", "mean")}
    return {
        "rps": round(done / raw["seconds"], 2),
        "errors": errors,
        "unfinished": None,  # wrk does not count the requests still running when it stops
        **figures,
        "n": done,
    }
