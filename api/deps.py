"""What routes depend on: the open store and the build it came from (swappable in tests)."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from fastapi import Request


def get_store(request: Request) -> ox.Store:
    """The store the app opened at start-up."""
    return request.app.state.store  # type: ignore[no-any-return]


def get_build_info(request: Request) -> dict[str, Any]:
    """The ``build.json`` of the build being served."""
    return request.app.state.build_info  # type: ignore[no-any-return]
