"""Scoring: context words move scores, then overlaps are settled and weak spans dropped.

Policy, in order (all pure functions, deterministic for the same input):

1. **Context.** For each candidate, the `ContextPolicy.words_before` word tokens before
   it and `words_after` after it (lower-cased, whole tokens, never past the end of its
   sentence; for a value right after a ``label:``, never before the label ahead of
   it) form its window. If any of the recognizer's context phrases occurs there
   as a token sequence, the score rises by that recognizer's `Context.boost`, weighted:
   a phrase right before the candidate counts fully, one word further loses
   `decay_per_word`, and one only after the candidate counts `after_weight`. If a
   penalty phrase (`ContextPolicy.negative_words` plus the recognizer's own
   `Context.negative`) occurs *before* it and is not part of a matched context phrase,
   the score falls by `ContextPolicy.penalty`. Scores are then clamped to
   [0, `ContextPolicy.max_score`].
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
import struct
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from piiscan.entities import Span, type_rank
from piiscan.recognizers.base import Context

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
        "ean", "upc", "gtin", "barcode", "asin", "mpn",
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


@lru_cache(maxsize=8)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence end of `text` begins and finishes, found once per text."""
    begins, finishes = [], []
    for match in _SENTENCE_END_RE.finditer(text):
        begins.append(match.start())
        finishes.append(match.end())
    return begins, finishes


@lru_cache(maxsize=256)
def _window(text: str, start: int, end: int, words_before: int, words_after: int,
            chars_per_word: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The word tokens just before and just after `text[start:end]`, lower-cased, within its
    sentence; cached, since the same value is a candidate for several types."""
    begins, finishes = _sentence_ends(text)
    low = max(0, start - words_before * chars_per_word)
    last = bisect_right(finishes, start) - 1
    if last >= 0 and finishes[last] > low:
        low = finishes[last]
    colon = text.rfind(":", low, start)
    if colon >= 0 and text[colon + 1 : start].isspace():
        # a value right after its label ("... NHS number: 655 210 2232 Phone: 702-768-5601")
        # takes no cue from before the previous label
        previous = text.rfind(":", low, colon)
        if previous >= 0:
            low = previous + 1
    high = end + words_after * chars_per_word
    following = bisect_left(begins, end)
    if following < len(begins) and begins[following] < high:
        high = begins[following]
    before = _WORD_RE.findall(text, low, start)[-words_before:] if words_before else []
    after = _WORD_RE.findall(text, end, max(end, high))[:words_after]
    return tuple(t.lower() for t in before), tuple(t.lower() for t in after)


@dataclass(frozen=True, eq=False)
class ContextIndex:
    """A recognizer's context words prepared once: phrases grouped by first token.

    Built when a `Scanner` is built, so scanning a document hashes no dataclasses.
    """

    boost: float
    policy: ContextPolicy
    boosting: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]
    penalties: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]
    boosting_firsts: frozenset[str] = frozenset()  # the keys of `boosting`, as a set
    penalty_firsts: frozenset[str] = frozenset()

    @classmethod
    def build(cls, context: Context, policy: ContextPolicy) -> ContextIndex:
        if context.words_before is not None:
            policy = dataclasses.replace(policy, words_before=context.words_before)
        shared = policy.negative_words if context.shared_penalties else ()

        def group(phrases: tuple[str, ...]) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
            index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
            for phrase in dict.fromkeys(phrases):
                tokens = phrase_tokens(phrase)
                if tokens:
                    index.setdefault(tokens[0], []).append((phrase, tokens))
            return {first: tuple(entries) for first, entries in index.items()}

        boosting, penalties = group(context.words), group(shared + context.negative)
        return cls(context.boost, policy, boosting, penalties, frozenset(boosting),
                   frozenset(penalties))

    def may_boost(self, words: frozenset[str]) -> bool:
        """Could any boosting phrase occur in a text with these words?"""
        return not words.isdisjoint(self.boosting_firsts)

    def may_penalise(self, words: frozenset[str]) -> bool:
        """Could any penalty phrase occur in a text with these words?"""
        return not words.isdisjoint(self.penalty_firsts)


@lru_cache(maxsize=1024)
def context_index(context: Context, policy: ContextPolicy) -> ContextIndex:
    """`ContextIndex.build`, cached (for one-off calls such as `found()`)."""
    return ContextIndex.build(context, policy)


def _phrase_positions(tokens: Sequence[str], phrase: tuple[str, ...]) -> Iterable[range]:
    width = len(phrase)
    if not width:
        return
    for index in range(len(tokens) - width + 1):
        if tokens[index] == phrase[0] and tuple(tokens[index : index + width]) == phrase:
            yield range(index, index + width)


def apply_context(text: str, span: Span, context: Context | ContextIndex,
                  policy: ContextPolicy = DEFAULT_POLICY) -> Span:
    """Return `span` with its score moved by the words around it (step 1 above)."""
    index = context if isinstance(context, ContextIndex) else context_index(context, policy)
    if not index.boosting and not index.penalties:
        return span
    policy = index.policy
    before, after = _window(text, span.start, span.end, policy.words_before, policy.words_after,
                            policy.chars_per_word)
    tokens = [*before, "\x00", *after]  # the span itself separates the two sides
    present = set(tokens)
    covered: set[int] = set()
    matched: list[str] = []
    weight = 0.0
    for first in present.intersection(index.boosting):
        for phrase, phrase_toks in index.boosting[first]:
            for positions in _phrase_positions(tokens, phrase_toks):
                covered.update(positions)
                matched.append(phrase)
                if positions.stop <= len(before):  # before: nearer cues weigh more
                    distance = len(before) - positions.stop
                    weight = max(weight, 1.0 - index.policy.decay_per_word * distance)
                else:
                    weight = max(weight, index.policy.after_weight)
    penalised = [phrase for first in present.intersection(index.penalties)
                 for phrase, phrase_toks in index.penalties[first]
                 if any(not covered.issuperset(positions)
                        for positions in _phrase_positions(before, phrase_toks))]
    if not matched and not penalised:
        return span
    score = span.score + index.boost * weight
    score -= index.policy.penalty if penalised else 0.0
    score = min(index.policy.max_score, max(0.0, score))
    words = tuple(sorted(set(matched))) + tuple(f"-{w}" for w in sorted(set(penalised)))
    return Span(span.start, span.end, span.type, score, span.recognizer, span.verdict, words,
                span.base_score, span.evidence)


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


def to_float32(score: float) -> float:
    """Round a score to the nearest float32, as Comprehend's sync responses are (spec §2.3).

    >>> to_float32(0.9)
    0.8999999761581421
    """
    return float(struct.unpack("f", struct.pack("f", score))[0])
