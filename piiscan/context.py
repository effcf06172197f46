"""Context: the words around a candidate move its score.

For each candidate, the `ContextPolicy.words_before` word tokens before it and
`words_after` after it (lower-cased, whole tokens, never past the end of its sentence;
for a value right after a ``label:``, never before the label ahead of it) form its
window. If any of the recognizer's context phrases occurs there as a token sequence,
the score rises by that recognizer's `Context.boost`, weighted: a phrase right before
the candidate counts fully, one word further loses `decay_per_word`, and one only after
the candidate counts `after_weight`. If a penalty phrase (`ContextPolicy.negative_words`
plus the recognizer's own `Context.negative`) occurs *before* it and is not part of a
matched context phrase, the score falls by `ContextPolicy.penalty`. Scores are then
clamped to [0, `ContextPolicy.max_score`]. (What happens next, containment, the
threshold and overlaps, is `piiscan.scoring`.)

>>> from piiscan.entities import Span
>>> routing = Context(words=("routing number",), boost=0.5)
>>> apply_context("routing number 111000025", Span(15, 24, "BANK_ROUTING", 0.3), routing).score
0.8
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from piiscan.entities import Span
from piiscan.view import TextView

__all__ = ["DEFAULT_POLICY", "NO_CONTEXT", "Context", "ContextIndex", "ContextPolicy",
           "apply_context", "context_index", "phrase_tokens"]

_WORD_RE = regex.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Context:
    """Words near a candidate that raise its score (whole tokens, case-insensitive).

    `words` are phrases such as ``"routing number"`` or ``"account no."``; each is split
    into word tokens and matched as a token sequence in the window around the candidate,
    so ``"lic"`` never matches inside ``"duplicate"``. `boost` is added once when any
    phrase is present. `negative` adds phrases to the shared penalty words of
    `ContextPolicy` for this recognizer only; `shared_penalties=False`
    turns those shared words off (they are meant for numbers, not for names).
    `words_before` narrows the window for values that must follow their cue closely.
    """

    words: tuple[str, ...] = ()
    boost: float = 0.35
    negative: tuple[str, ...] = ()
    shared_penalties: bool = True
    words_before: int | None = None  # None: the policy's window; cue-bound types use less


NO_CONTEXT = Context()


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


@lru_cache(maxsize=4096)
def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Split a context phrase into lower-case word tokens: "Account No." -> ("account", "no")."""
    return tuple(token.lower() for token in _WORD_RE.findall(phrase))


def _window(view: TextView, start: int, end: int, words_before: int, words_after: int,
            chars_per_word: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The word tokens just before and just after `view.text[start:end]`, lower-cased,
    within its sentence; kept in the view, since the same value is often a candidate for
    several types."""
    key = (start, end, words_before, words_after, chars_per_word)
    known = view.windows.get(key)
    if known is not None:
        return known
    text = view.text
    begins, finishes = view.sentence_ends
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
    window = tuple(t.lower() for t in before), tuple(t.lower() for t in after)
    view.windows[key] = window
    return window


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


def apply_context(text: str | TextView, span: Span, context: Context | ContextIndex,
                  policy: ContextPolicy = DEFAULT_POLICY) -> Span:
    """Return `span` with its score moved by the words around it (see the module)."""
    index = context if isinstance(context, ContextIndex) else context_index(context, policy)
    if not index.boosting and not index.penalties:
        return span
    policy = index.policy
    view = text if isinstance(text, TextView) else TextView.of(text)
    before, after = _window(view, span.start, span.end, policy.words_before,
                            policy.words_after, policy.chars_per_word)
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
