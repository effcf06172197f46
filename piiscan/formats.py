"""Comprehend's JSON shapes: the only module that knows the PascalCase member names.

>>> from piiscan.entities import Span
>>> entity_dict(Span(6, 15, "NAME", 0.9))
{'Score': 0.8999999761581421, 'Type': 'NAME', 'BeginOffset': 6, 'EndOffset': 15}
>>> out_entity_dict(Span(6, 15, "NAME", 0.9))
{'BeginOffset': 6, 'EndOffset': 15, 'Type': 'NAME', 'Score': 0.8999999761581421}
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from typing import Any

from piiscan.entities import Span


def entity_dict(span: Span) -> dict[str, Any]:
    """A sync `PiiEntity`, members in the service model's order."""
    return {"Score": to_float32(span.score), "Type": str(span.type),
            "BeginOffset": span.start, "EndOffset": span.end}


def out_entity_dict(span: Span) -> dict[str, Any]:
    """An entity of an async `.out` record, members in the order real job output uses."""
    return {"BeginOffset": span.start, "EndOffset": span.end, "Type": str(span.type),
            "Score": to_float32(span.score)}


def explanation_dict(span: Span) -> dict[str, Any]:
    """Why a span got its score: recognizer, validation verdict, context words, and the
    weighted evidence behind the base score ("title_before +0.40")."""
    return {"Recognizer": span.recognizer, "Validation": span.verdict.value,
            "BaseScore": to_float32(span.base_score), "ContextWords": list(span.context_words),
            "Evidence": [f"{name} {weight:+.2f}" for name, weight in span.evidence]}


def detect_response(spans: Iterable[Span], explain: bool = False) -> dict[str, Any]:
    """`{"Entities": [...]}`, optionally with an `Explanation` beside each entity."""
    entities = []
    for span in spans:
        entity = entity_dict(span)
        if explain:
            entity["Explanation"] = explanation_dict(span)
        entities.append(entity)
    return {"Entities": entities}


def contains_response(spans: Iterable[Span]) -> dict[str, Any]:
    """`{"Labels": [...]}`: one label per type, max entity score, in first-seen order."""
    best: dict[str, float] = {}
    for span in spans:
        best[str(span.type)] = max(best.get(str(span.type), 0.0), span.score)
    return {"Labels": [{"Name": name, "Score": to_float32(score)} for name, score in best.items()]}


def to_float32(score: float) -> float:
    """Round a score to the nearest float32, as Comprehend's sync responses are (spec §2.3).

    >>> to_float32(0.9)
    0.8999999761581421
    """
    return float(struct.unpack("f", struct.pack("f", score))[0])
