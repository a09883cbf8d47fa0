"""Errors of the loading phase, each carrying what a person needs to act on it."""

from __future__ import annotations


class ReportFormatError(ValueError):
    """The input is not a readable report of the series (missing, empty, mis-encoded, alien, truncated)."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self) -> tuple[type[ReportFormatError], tuple[str, str]]:
        return ReportFormatError, (self.source, self.problem)
