"""Inline span markup for hand-written cases: ``"SSN [[SSN:212-67-4013]] on file"``.

`parse` removes the markup and returns the plain text with the exact span of every
marked value, so a case is written once, readably, and its offsets can never drift.
A literal ``\\n`` in the markup stands for a line break.

>>> doc = parse("Call [[NAME:Ann Lee]] on [[PHONE:(206) 555-0100]].")
>>> doc.text
'Call Ann Lee on (206) 555-0100.'
>>> [(e.type, e.begin, e.end) for e in doc.entities]
[('NAME', 5, 12), ('PHONE', 16, 30)]
"""

from __future__ import annotations

import regex

from piiscan.testing.documents import LabeledDocument, PlantedEntity

_MARK_RE = regex.compile(r"\[\[([A-Z][A-Z0-9_]*):(.+?)\]\]", regex.DOTALL)


def parse(marked: str) -> LabeledDocument:
    """Plain text and planted entities from a marked-up string."""
    marked = marked.replace("\\n", "\n")
    text, entities, cursor = "", [], 0
    for match in _MARK_RE.finditer(marked):
        text += marked[cursor : match.start()]
        begin = len(text)
        text += match.group(2)
        entities.append(PlantedEntity(match.group(1), begin, len(text), match.group(2)))
        cursor = match.end()
    text += marked[cursor:]
    return LabeledDocument(text, tuple(entities))
