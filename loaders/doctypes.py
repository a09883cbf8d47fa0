"""What kind of document a title names: its type (opinion, plan, agreement, report …) and its
class (domestic, foreign, international, publication), read from the policy-type vocabulary."""

from __future__ import annotations

import re

from .vocabularies import DocType, policy_types

_TRAILING_PAREN = re.compile(r"[（(][^（）()]*[）)]\s*$")
OTHER = DocType("other", "domestic")


def classify(title: str, after: str = "", foreign: bool = False) -> DocType:
    """The type of ``title`` by the longest type word it ends with, trailing parentheses aside;
    a parenthesis that is itself a type word (``（负面清单）``) decides. ``after`` is the text
    right after the title (``《…》报告``). A domestic-class document of a foreign issuer is foreign.

    >>> classify("关于推动外贸稳规模优结构的意见").notation
    'opinion'
    >>> classify("促进户外运动设施建设与服务提升行动方案（2023-2025年）").notation
    'programme'
    """
    kind = _by_ending(title) or _by_following(after) or OTHER
    if foreign and kind.doc_class == "domestic":
        return DocType(kind.notation, "foreign")
    return kind


def _by_ending(title: str) -> DocType | None:
    endings = policy_types()
    text = re.sub(r"\s*\d{4}\s*$", "", title.strip())
    while True:
        paren = _TRAILING_PAREN.search(text)
        if paren is None:
            break
        inner = paren.group()[1:-1].strip()
        if inner in endings:
            return endings[inner]
        text = text[: paren.start()].rstrip()
    for size in range(min(len(text), 12), 0, -1):
        if text[-size:] in endings:
            return endings[text[-size:]]
    return None


def _by_following(after: str) -> DocType | None:
    endings = policy_types()
    for size in range(4, 0, -1):
        word = after[:size]
        if word in endings and endings[word].doc_class == "publication":
            return endings[word]
    return None
