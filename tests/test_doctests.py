"""The ``>>>`` examples in the package's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import tradekg

MODULES = sorted(
    info.name
    for package in (
        "tradekg.ontology",
        "tradekg.loaders",
        "tradekg.graph",
        "tradekg.queries",
        "tradekg.api",
    )
    for info in pkgutil.walk_packages(importlib.import_module(package).__path__, package + ".")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_namespace_package_is_importable() -> None:
    assert tradekg.__path__
