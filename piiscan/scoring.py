"""Scoring: context words move scores, then overlaps are settled and weak spans dropped.

Policy, in order (all pure functions, deterministic for the same input):

1. **Context.** For each candidate, the `ContextPolicy.words_before` word tokens before
   it and `words_after` after it (lower-cased, whole tokens, never past the end of its
   sentence) form its window. If any of the recognizer's context phrases occurs there
   as a token sequence, the score rises by that recognizer's `Context.boost`, weighted:
   a phrase right before the candidate counts fully, one word further loses
   `decay_per_word`, and one only after the candidate counts `after_weight`. If a
   penalty phrase (`ContextPolicy.negative_words` plus the recognizer's own
   `Context.negative`) occurs *before* it and is not part of a matched context phrase,
   the score falls by `ContextPolicy.penalty`. Scores are then clamped to
   [0, `ContextPolicy.max_score`].
2. **Containment.** A candidate that contains another of the same type takes the
   higher of the two scores: the part is evidence for the whole (``Seattle, WA 98109``
   inside ``123 Any Street, Seattle, WA 98109``).
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
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from bisect import bisect_left

import regex

from piiscan.entities import Span, type_rank
from piiscan.recognizers.base import Context, document_words

_WORD_RE = regex.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ContextPolicy:
    """The context window and the shared penalty, as data."""

    words_before: int = 8
    words_after: int = 3
    after_weight: float = 0.5  # a cue after the value counts this much of a cue before it
    decay_per_word: float = 0.05  # a cue before loses this much weight per word in between
    chars_per_word: int = 24  # how far to look, at most, for each window word
    penalty: float = 0.35
    max_score: float = 0.9999  # a confidence, never a certainty
    negative_words: tuple[str, ...] = (
        "order", "invoice", "tracking", "version", "ticket", "sku", "isbn", "serial",
        "shipment", "parcel", "build", "release", "issue", "incident", "case", "po",
        "part", "model", "item", "product", "batch", "lot", "checksum", "hash", "sha",
        "commit", "uuid", "guid", "timestamp", "epoch", "page", "pages", "pp", "patch",
    )


DEFAULT_POLICY = ContextPolicy()


# A sentence ends at . ! ? before white space (not after an abbreviation such as "no."
# or "Dr."), or at a line break that does not follow a label ending in ":".
_SENTENCE_END_RE = regex.compile(
    r"(?<!\b(?:no|nr|num|acct|mr|mrs|ms|dr|st|ave|inc|ltd|co|jr|sr|vs|etc|approx|dept|tel|ph|"
    r"fax|ext|exp|apt|ste|prof|ref|id|dob|e\.g|i\.e|u\.s|p\.o))[.!?](?=\s)|(?<!:[ \t]*)\r?\n",
    regex.I)


@lru_cache(maxsize=4096)
def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Split a context phrase into lower-case word tokens: "Account No." -> ("account", "no")."""
    return tuple(token.lower() for token in _WORD_RE.findall(phrase))


def window_tokens(text: str, span: Span, policy: ContextPolicy) -> tuple[list[str], list[str]]:
    """The word tokens just before and just after `span`, lower-cased, within its sentence."""
    left = text[max(0, span.start - policy.words_before * policy.chars_per_word) : span.start]
    right = text[span.end : span.end + policy.words_after * policy.chars_per_word]
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(left)]
    if ends:
        left = left[ends[-1]:]
    first_end = _SENTENCE_END_RE.search(right)
    if first_end:
        right = right[: first_end.start()]
    before = [t.lower() for t in _WORD_RE.findall(left)[-policy.words_before :]]
    after = [t.lower() for t in _WORD_RE.findall(right)[: policy.words_after]]
    return before, after


@lru_cache(maxsize=1024)
def cue_tokens(context: Context, policy: ContextPolicy) -> tuple[frozenset[str], frozenset[str]]:
    """First tokens of the boosting phrases, and of the penalty phrases, of one context."""
    shared = policy.negative_words if context.shared_penalties else ()
    boosting = frozenset(phrase_tokens(p)[0] for p in context.words if phrase_tokens(p))
    penalty = frozenset(phrase_tokens(p)[0] for p in shared + context.negative if phrase_tokens(p))
    return boosting, penalty


@lru_cache(maxsize=1024)
def _phrase_index(context: Context, policy: ContextPolicy
                  ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Boosting and penalty phrases of a context, grouped by their first token."""
    shared = policy.negative_words if context.shared_penalties else ()

    def group(phrases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for phrase in dict.fromkeys(phrases):
            if phrase_tokens(phrase):
                index.setdefault(phrase_tokens(phrase)[0], []).append(phrase)
        return {first: tuple(group) for first, group in index.items()}

    return group(context.words), group(shared + context.negative)


def _phrase_positions(tokens: list[str], phrase: tuple[str, ...]) -> Iterable[range]:
    width = len(phrase)
    if not width:
        return
    for index in range(len(tokens) - width + 1):
        if tokens[index] == phrase[0] and tuple(tokens[index : index + width]) == phrase:
            yield range(index, index + width)


def apply_context(text: str, span: Span, context: Context, policy: ContextPolicy) -> Span:
    """Return `span` with its score moved by the words around it (step 1 above)."""
    shared = policy.negative_words if context.shared_penalties else ()
    negative = shared + context.negative
    if not context.words and not negative:
        return span
    if context.words_before is not None:
        policy = dataclasses.replace(policy, words_before=context.words_before)
    before, after = window_tokens(text, span, policy)
    tokens = before + ["\x00"] + after  # the span itself separates the two sides
    present = set(tokens)
    covered: set[int] = set()
    matched: list[str] = []
    weight = 0.0
    boosting_index, _ = _phrase_index(context, policy)
    for phrase in (p for first in present & boosting_index.keys() for p in boosting_index[first]):
        for positions in _phrase_positions(tokens, phrase_tokens(phrase)):
            covered.update(positions)
            matched.append(phrase)
            if positions.stop <= len(before):  # before: nearer cues weigh more
                distance = len(before) - positions.stop
                weight = max(weight, 1.0 - policy.decay_per_word * distance)
            else:
                weight = max(weight, policy.after_weight)
    _, penalty_index = _phrase_index(context, policy)
    penalised = [phrase for first in present & penalty_index.keys() for phrase in penalty_index[first]
                 if any(not covered.issuperset(positions)
                        for positions in _phrase_positions(before, phrase_tokens(phrase)))]
    if not matched and not penalised:
        return span
    score = span.score + context.boost * weight
    score -= policy.penalty if penalised else 0.0
    score = min(policy.max_score, max(0.0, score))
    words = tuple(dict.fromkeys(matched)) + tuple(f"-{w}" for w in dict.fromkeys(penalised))
    return dataclasses.replace(span, score=score, context_words=words)


def _rank(span: Span) -> tuple[float, int, int, tuple[int, str], int]:
    return (-span.score, -span.verdict.specificity, span.start - span.end,
            type_rank(span.type), span.start)


def _lift_containers(candidates: list[Span]) -> list[Span]:
    """Step 2: each span scores at least as high as any same-type span inside it."""
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
            for inner in spans[index + 1:]:
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


def to_float32(score: float) -> float:
    """Round a score to the nearest float32, as Comprehend's sync responses are (spec §2.3).

    >>> to_float32(0.9)
    0.8999999761581421
    """
    return float(struct.unpack("f", struct.pack("f", score))[0])
