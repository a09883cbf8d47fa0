"""What an operator can set for ``tradekg serve``: limits and pool size, from flags or environment.

Every setting has a ``TRADEKG_…`` environment variable and a ``tradekg serve`` flag; the flag
wins. Defaults suit a public endpoint on a small machine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tradekg.graph.workers import DEFAULT_ROW_CAP, DEFAULT_TIMEOUT


def _default_workers() -> int:
    return min(4, max(2, os.cpu_count() or 2))


@dataclass(frozen=True)
class Settings:
    """Limits of the HTTP API.

    >>> Settings.from_env({"TRADEKG_QUERY_TIMEOUT": "3", "TRADEKG_ROW_CAP": "50"}).row_cap
    50
    """

    #: wall-clock seconds a query may run before its worker is killed
    query_timeout: float = DEFAULT_TIMEOUT
    #: most result rows (or triples) one response carries; more are cut and the cut is flagged
    row_cap: int = DEFAULT_ROW_CAP
    #: query worker processes (queries run in parallel up to this many)
    query_workers: int = field(default_factory=_default_workers)
    #: largest request body accepted, in bytes (413 beyond)
    max_body_bytes: int = 1_000_000

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Settings from ``TRADEKG_QUERY_TIMEOUT``, ``TRADEKG_ROW_CAP``, ``TRADEKG_QUERY_WORKERS``
        and ``TRADEKG_MAX_BODY_BYTES``; unset ones keep their defaults."""
        env = os.environ if environ is None else environ
        base = cls()
        return cls(
            query_timeout=float(env.get("TRADEKG_QUERY_TIMEOUT", base.query_timeout)),
            row_cap=int(env.get("TRADEKG_ROW_CAP", base.row_cap)),
            query_workers=int(env.get("TRADEKG_QUERY_WORKERS", base.query_workers)),
            max_body_bytes=int(env.get("TRADEKG_MAX_BODY_BYTES", base.max_body_bytes)),
        )
