"""Agencies the report names: every mention of a body of the agency vocabulary, by any of its
names or abbreviations, and the issuers of documents that the vocabulary does not hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .layout import paragraphs
from .policies import Policy
from .vocabularies import agencies


@dataclass(frozen=True)
class AgencyMention:
    line: int
    start: int
    end: int
    quote: str


@dataclass
class Agency:
    """A body the text names: its vocabulary key (None when unresolved) and its mentions."""

    key: str | None
    name_zh: str
    mentions: list[AgencyMention] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        first = self.mentions[0] if self.mentions else None
        return {
            "kind": "agency",
            "line": first.line if first else None,
            "quote": first.quote if first else "",
            "key": self.key,
            "name_zh": self.name_zh,
            "resolved": self.key is not None,
            "mentions": len(self.mentions),
        }


def extract_agencies(text: str, policies: list[Policy] | None = None) -> list[Agency]:
    """Every agency mentioned, by key, in order of first mention; then issuers of ``policies``
    that no vocabulary entry names (reported, not guessed)."""
    found: dict[str, Agency] = {}
    for paragraph in paragraphs(text.split("\n")):
        for start, end, key in agencies().find(paragraph.text):
            line, column = paragraph.locate(start)
            _, line_end = paragraph.line_span(start)
            quote = paragraph.text[start : min(end, line_end)]
            agency = found.setdefault(key, Agency(key, quote))
            agency.mentions.append(AgencyMention(line, column, column + len(quote), quote))
    unresolved: dict[str, Agency] = {}
    for policy in policies or []:
        for name in policy.issuers_zh:
            if agencies().get(name) is None and name not in unresolved:
                first = policy.mentions[0]
                unresolved[name] = Agency(
                    None, name, [AgencyMention(first.line, first.start, first.end, first.quote)]
                )
    return list(found.values()) + list(unresolved.values())
