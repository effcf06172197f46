"""Scoring: after context (`piiscan.context`) has moved each candidate's score, weak
spans are dropped and overlaps settled.

Policy, in order (all pure functions, deterministic for the same input):

1. **Context** (`piiscan.context.apply_context`, run by the scanner before this).
2. **Containment.** A candidate that scores at least `CONTAINER_FLOOR` on its own and
   contains another of the same type takes the higher of the two scores: the part is
   evidence for the whole (``Seattle, WA 98109`` inside ``123 Any Street, Seattle, WA
   98109``). A weak guess does not borrow the evidence of a precise finding inside it.
3. **Threshold.** Candidates scoring under `min_score` are dropped *before* overlaps are
   settled, so a weak guess never hides anything.
4. **Overlaps.** Candidates are ranked by score, then specificity (a validated value
   beats an unchecked one, which beats one that failed its checksum), then length
   (longer first), then the fixed entity-type order, then position. Walking that ranking,
   a candidate is kept if it overlaps no span kept before it. No two kept spans overlap.
5. **Order.** Kept spans are returned sorted by start offset.

>>> from piiscan.entities import Span, Verdict
>>> a = Span(0, 10, "INTERNATIONAL_BANK_ACCOUNT_NUMBER", 0.9, verdict=Verdict.VALID)
>>> b = Span(0, 10, "BANK_ACCOUNT_NUMBER", 0.9, verdict=Verdict.UNCHECKED)
>>> [s.type for s in resolve([b, a], 0.5)]
['INTERNATIONAL_BANK_ACCOUNT_NUMBER']
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Iterable

from piiscan.entities import Span, type_rank

__all__ = ["CONTAINER_FLOOR", "resolve"]


def _rank(span: Span) -> tuple[float, int, int, tuple[int, str], int]:
    return (-span.score, -span.verdict.specificity, span.start - span.end,
            type_rank(span.type), span.start)


CONTAINER_FLOOR = 0.5


def _lift_containers(candidates: list[Span]) -> list[Span]:
    """Step 2: a plausible span scores at least as high as any same-type span inside it."""
    by_type: dict[str, list[Span]] = {}
    for span in candidates:
        by_type.setdefault(span.type, []).append(span)
    lifted: list[Span] = []
    for spans in by_type.values():
        if len(spans) == 1:
            lifted.extend(spans)
            continue
        spans.sort(key=lambda s: (s.start, -s.end))
        for index, outer in enumerate(spans):
            best = outer.score
            if best < CONTAINER_FLOOR:
                lifted.append(outer)
                continue
            for later in range(index + 1, len(spans)):  # never a copy of the tail
                inner = spans[later]
                if inner.start >= outer.end:
                    break
                if inner.end <= outer.end and inner.score > best:
                    best = inner.score
            lifted.append(outer if best == outer.score else dataclasses.replace(outer, score=best))
    return lifted


def resolve(candidates: Iterable[Span], min_score: float) -> list[Span]:
    """Lift containers, drop weak candidates, settle overlaps, sort (steps 2-5 above)."""
    kept_starts: list[int] = []
    kept: list[Span] = []
    lifted = _lift_containers(list(candidates))
    for span in sorted((c for c in lifted if c.score >= min_score), key=_rank):
        index = bisect_left(kept_starts, span.start)
        if index > 0 and kept[index - 1].end > span.start:
            continue
        if index < len(kept) and kept[index].start < span.end:
            continue
        kept_starts.insert(index, span.start)
        kept.insert(index, span)
    return kept
