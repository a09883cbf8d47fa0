"""What the processes of a benchmark use, read from /proc: CPU time and resident memory of a
process with its descendants, and the machine's busy CPU time."""

from __future__ import annotations

import os
from pathlib import Path


def descendants(pid: int) -> list[int]:
    """Process ``pid`` and its live descendants."""
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                frontier += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def tree_cpu(pid: int) -> float:
    """CPU seconds spent by process ``pid`` and its live descendants."""
    total = 0
    for member in descendants(pid):
        try:
            stat = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(stat[11]) + int(stat[12])
    return total / os.sysconf("SC_CLK_TCK")


def tree_rss(pid: int) -> int:
    """Resident bytes of process ``pid`` and its live descendants, summed (pages they share
    are counted in each: an upper bound)."""
    pages = 0
    for member in descendants(pid):
        try:
            pages += int(Path(f"/proc/{member}/statm").read_text().split()[1])
        except FileNotFoundError:
            continue
    return pages * os.sysconf("SC_PAGE_SIZE")


def machine_cpu() -> float:
    """CPU seconds the whole machine has spent busy since boot."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    idle = int(fields[3]) + int(fields[4])
    return (sum(int(f) for f in fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")
