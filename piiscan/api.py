"""The library API: `Scanner` and the module functions that mirror Comprehend's calls.

`Scanner` holds frozen settings and a tuple of recognizers. `find` is the engine:
recognizers yield candidates, context moves their scores, the allow list removes
values, the deny list adds values, and `piiscan.scoring.resolve` settles overlaps.
`detect`, `contains` and `redact` check their input as the service does and shape
the answer as boto3 returns it.

>>> detect_pii_entities("Hello Zhang Wei, I am John.")["Entities"][0]["Type"]
'NAME'
>>> contains_pii_entities("Nothing to see here.")
{'Labels': []}
>>> redact("SSN 212-67-4013", mask_mode="REPLACE_WITH_PII_ENTITY_TYPE")
'SSN [SSN]'
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from piiscan import formats
from piiscan.context import DEFAULT_POLICY, Context, ContextIndex, ContextPolicy, apply_context
from piiscan.entities import REDACTION_SELECTOR_ALL, EntityType, Span, Verdict
from piiscan.errors import (
    InvalidRequestException,
    PiiscanError,
    TextSizeLimitExceededException,
    TimeLimitExceededException,
    shown,
    validation_error,
)
from piiscan.recognizers import DEFAULT
from piiscan.recognizers.base import CLOCK_FROM_CHARACTERS, Pattern, PatternRecognizer, Recognizer
from piiscan.scoring import resolve
from piiscan.view import TextView

SUPPORTED_LANGUAGES = ("en", "es")
MASK_MODES = ("MASK", "REPLACE_WITH_PII_ENTITY_TYPE")
MASK_CHARACTERS = "!@#$%&*"
#: DetectPiiEntities / ContainsPiiEntities limit, in UTF-8 bytes (spec §11).
SYNC_TEXT_LIMIT_BYTES = 100_000
#: Async document limit (a line or a file), in UTF-8 bytes (spec §11).
DOCUMENT_LIMIT_BYTES = 1_000_000
#: Seconds one document may take by default: a megabyte takes a few at worst.
DEFAULT_TIME_LIMIT = 30.0
_CUSTOM_TYPE_RE = regex.compile(r"[A-Z][A-Z0-9_]{0,63}")
#: Characters that separate words as a space does but are not spaces: the scripts written
#: without spaces between words (CJK, Thai), their punctuation, and emoji with their
#: joiners and modifiers. The recognizers scan a copy of the text where each is a space
#: (the same length, so offsets do not move): 'SSNは212-67-4013です' reads as an SSN
#: between words, and a value after an emoji reads as one after a space.
_WORD_SEPARATORS_RE = regex.compile(
    r"[\p{Han}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Bopomofo}\u3000-\u30FF\u31F0-\u31FF"
    r"\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\U000E0020-\U000E007F]")


def word_separated(text: str) -> str:
    """`text` with CJK, Thai and emoji characters as spaces (see `_WORD_SEPARATORS_RE`).

    >>> word_separated("SSNは212-67-4013です 👍")
    'SSN 212-67-4013       '
    """
    return text if text.isascii() else _WORD_SEPARATORS_RE.sub(" ", text)


def check_text(text: object, limit_bytes: int) -> str:
    """Return `text` if the service would accept it, else raise the service's error."""
    if not isinstance(text, str):
        raise InvalidRequestException(
            f"Text must be a string (str), got {type(text).__name__}")
    if not text:
        raise InvalidRequestException("Text must not be empty: the minimum length is 1")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        raise InvalidRequestException(
            f"Text is not valid Unicode: lone surrogate U+{ord(text[error.start]):04X} "
            f"at offset {error.start}") from None
    if size > limit_bytes:
        raise TextSizeLimitExceededException(
            "Input text size exceeds limit. Max length of request text allowed is "
            f"{limit_bytes} bytes while in this request the text size is {size} bytes")
    return text


def check_language(language_code: object) -> str:
    """Accept `en` and `es`; anything else is a ValidationException, as AWS answers."""
    if language_code not in SUPPORTED_LANGUAGES:
        raise validation_error(language_code, "languageCode",
                               "Member must satisfy enum value set: [en, es]")
    return str(language_code)


def custom_recognizer(
    entity_type: str,
    pattern: str,
    *,
    score: float = 0.8,
    validate: Callable[[str], bool] | None = None,
    invalid_score: float = 0.0,
    context_words: Iterable[str] = (),
    name: str | None = None,
) -> PatternRecognizer:
    """Build a recognizer for your own type from a regular expression.

    `validate`, when given, decides between `score` and `invalid_score`; context words
    near a match raise its score like the built-in ones.

    >>> emp = custom_recognizer("EMPLOYEE_ID", r"\\bEMP-[0-9]{6}\\b", context_words=["employee"])
    >>> Scanner(custom_recognizers=(emp,)).detect("employee EMP-123456")["Entities"][0]["Type"]
    'EMPLOYEE_ID'
    """
    if not isinstance(entity_type, str) or not _CUSTOM_TYPE_RE.fullmatch(entity_type):
        raise InvalidRequestException(
            f"Custom entity type {shown(entity_type)} must be upper case letters, digits and _")
    if not 0.0 <= score <= 1.0 or not 0.0 <= invalid_score <= 1.0:
        raise InvalidRequestException("Scores must lie between 0 and 1")
    try:
        compiled = regex.compile(pattern)
    except regex.error as error:
        raise InvalidRequestException(f"Invalid pattern {pattern!r}: {error}") from None
    return PatternRecognizer(
        name=name or f"custom:{entity_type.lower()}",
        entity=entity_type,
        patterns=(Pattern(entity_type.lower(), compiled, score=score, invalid_score=invalid_score,
                          guarded=True),),
        validate=validate,
        context=Context(words=tuple(context_words)),
    )


def _strings(value: object, member: str) -> list[str]:
    """A string or an iterable of strings, as a list; anything else is a wrong type."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (bytes, Mapping)) or not isinstance(value, Iterable):
        raise InvalidRequestException(
            f"{member} must be a string or a list of strings, got {type(value).__name__}")
    items = list(value)
    for item in items:
        if not isinstance(item, str):
            raise InvalidRequestException(
                f"{member} must hold strings, got an item of type {type(item).__name__}")
    return items


def _check_types(names: Iterable[str], known: frozenset[str], member: str,
                 selector: bool = True) -> frozenset[str]:
    """Entity type names, each one of `known` (with `selector`, ALL: every type), or a
    ValidationException."""
    chosen = set()
    for name in names:
        if selector and name == REDACTION_SELECTOR_ALL:
            return known
        if name not in known:
            allowed = sorted(known) + ([REDACTION_SELECTOR_ALL] if selector else [])
            raise validation_error(name, member, "Member must satisfy enum value set: "
                                   f"[{', '.join(allowed)}]")
        chosen.add(name)
    return frozenset(chosen)


def _check_number(value: object, member: str, low: float, high: float | None,
                  low_inclusive: bool = True) -> None:
    """A real number (not a bool) within bounds: a wrong type is an InvalidRequestException,
    a number out of range a ValidationException."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidRequestException(f"{member} must be a number, got {type(value).__name__}")
    above = value >= low if low_inclusive else value > low
    if not above or (high is not None and value > high):
        bound = f"between {low:g} and {high:g}" if high is not None else f"above {low:g}"
        raise validation_error(value, member, f"Member must be {bound}")


@dataclass(frozen=True, slots=True)
class Stage:
    """One recognizer as a scanner runs it: its context words prepared once, and its
    ceiling read once (a recognizer's `ceiling` may be computed on each read)."""

    recognizer: Recognizer
    index: ContextIndex
    ceiling: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ceiling", self.recognizer.ceiling)


@dataclass(frozen=True, slots=True)
class Found:
    """What one recognizer found in one document, before context."""

    stage: Stage
    spans: list[Span]
    may_boost: bool
    may_penalise: bool


@dataclass(frozen=True)
class Scanner:
    """A configured detector. Build a new one to change anything; it never changes.

    - `entity_types`: report only these types (None or ``ALL``: every type).
    - `min_score`: drop spans scoring below it (Comprehend-like default 0.5).
    - `allow_list`: values never reported (compared exactly, and case-insensitively).
    - `deny_list`: value -> type, always reported as that type (whole-word matches).
    - `custom_recognizers`: extra recognizers, e.g. from `custom_recognizer()`.
    - `recognizers`, `policy`: the built-in registry and the context policy.
    - `time_limit`: seconds one `find` may take (None: no limit). Every recognizer is
      linear, so a megabyte takes a few seconds at worst; past the limit `find` raises
      `TimeLimitExceededException` instead of running on.
    """

    entity_types: Iterable[str] | None = None
    min_score: float = 0.5
    allow_list: Iterable[str] = ()
    deny_list: Mapping[str, str] = field(default_factory=dict)
    custom_recognizers: tuple[Recognizer, ...] = ()
    recognizers: tuple[Recognizer, ...] = DEFAULT
    policy: ContextPolicy = DEFAULT_POLICY
    time_limit: float | None = DEFAULT_TIME_LIMIT
    #: the recognizers of the chosen types, in order, with their context prepared
    stages: tuple[Stage, ...] = field(init=False, repr=False, compare=False)
    deny_patterns: tuple[tuple[regex.Pattern[str], str], ...] = field(
        init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Check every setting: a wrong type is an InvalidRequestException, a value out of
        its enum or range a ValidationException (as the service separates them)."""
        custom = self.custom_recognizers
        if not isinstance(custom, tuple):
            raise InvalidRequestException("custom_recognizers must be a tuple of recognizers, got "
                                          f"{type(custom).__name__}")
        known = frozenset(t.value for t in EntityType) | {r.entity for r in custom}
        types = known if self.entity_types is None else _check_types(
            _strings(self.entity_types, "entity_types"), known, "entity_types")
        _check_number(self.min_score, "min_score", 0.0, 1.0)
        if self.time_limit is not None:
            _check_number(self.time_limit, "time_limit", 0.0, None, low_inclusive=False)
        if not isinstance(self.deny_list, Mapping):
            raise InvalidRequestException("deny_list must map values to entity types (a dict), "
                                          f"got {type(self.deny_list).__name__}")
        deny = dict(self.deny_list)
        _check_types(_strings(list(deny.values()), "deny_list types"), known, "deny_list",
                     selector=False)
        if any(not isinstance(v, str) or not v for v in deny):
            raise InvalidRequestException("deny_list keys must be non-empty strings")
        allow = _strings(self.allow_list, "allow_list")
        object.__setattr__(self, "entity_types", types)
        object.__setattr__(self, "allow_list", frozenset(allow) | {a.casefold() for a in allow})
        object.__setattr__(self, "deny_list", tuple(sorted(deny.items())))
        object.__setattr__(self, "stages", tuple(
            Stage(r, ContextIndex.build(r.context, self.policy))
            for r in self.recognizers + self.custom_recognizers if r.entity in types))
        object.__setattr__(self, "deny_patterns", tuple(
            (regex.compile(rf"(?<!\w){regex.escape(v)}(?!\w)"), t) for v, t in deny.items()
            if t in types))

    def prepare(self) -> Scanner:
        """Compile now every pattern that would otherwise compile when a document first
        needs it, and load the word lists; return this scanner. For a server or a batch
        about to scan many documents (each then takes its steady time); a program that
        scans a few texts is ready sooner without it (`Pattern.regex`).

        >>> Scanner(entity_types=["SSN"]).prepare().find("SSN 212-67-4013")[0].type
        'SSN'
        """
        for stage in self.stages:
            for pattern in getattr(stage.recognizer, "patterns", ()):
                pattern.compile()
        if any(stage.recognizer.entity == EntityType.NAME.value for stage in self.stages):
            self.find("Dr. Ada Lovelace")  # NAME's word lists load on first use
        return self

    # -- the engine ---------------------------------------------------------------------

    def find(self, text: str) -> list[Span]:
        """All final spans in `text`, sorted by start. No size limit, no language check.

        Three stages, each callable on its own: `recognize` (every recognizer's
        candidates), `score_context` (context words move their scores) and
        `scoring.resolve` (threshold, containment, overlaps), with the allow and deny
        lists between the last two. The recognizers read the text with CJK, Thai and
        emoji characters as spaces (`word_separated`), so a value glued to them is found
        as after a space.
        """
        if not isinstance(text, str):
            raise InvalidRequestException(f"Text must be a string (str), got {type(text).__name__}")
        deadline = None if self.time_limit is None else time.monotonic() + self.time_limit
        view = self.view(text, deadline)
        try:
            candidates = self.score_context(view, self.recognize(view))
        except TimeoutError:
            raise TimeLimitExceededException(
                f"The document took longer than the time limit of {self.time_limit} s "
                f"({len(text)} characters)") from None
        return resolve(self.listed(text, candidates), self.min_score)

    @staticmethod
    def view(text: str, deadline: float | None = None) -> TextView:
        """The document as the recognizers read it (see `find`)."""
        return TextView.of(word_separated(text), deadline)

    def recognize(self, view: TextView) -> list[Found]:
        """Stage 1: each recognizer's candidates, without those that no context in this
        document could lift over the threshold; TimeoutError past the view's deadline."""
        found: list[Found] = []
        words, floor = view.words, self.min_score
        clocked = view.deadline is not None and len(view.text) >= CLOCK_FROM_CHARACTERS
        for stage in self.stages:
            index = stage.index
            may_boost = not words.isdisjoint(index.boosting_firsts)
            if not may_boost and stage.ceiling < floor:
                continue  # no cue in the document can lift any of its spans over the threshold
            reach = index.boost if may_boost else 0.0
            spans = [span for span in stage.recognizer.find(view, floor - reach)
                     if span.score + reach >= floor]
            if spans:
                found.append(Found(stage, spans, may_boost,
                                   not words.isdisjoint(index.penalty_firsts)))
            if clocked and view.deadline is not None and time.monotonic() > view.deadline:
                raise TimeoutError
        return found

    @staticmethod
    def score_context(view: TextView, found: list[Found]) -> list[Span]:
        """Stage 2: every candidate with its score moved by the words around it."""
        candidates: list[Span] = []
        for each in found:
            if each.may_boost or each.may_penalise:
                index = each.stage.index
                candidates.extend(apply_context(view, span, index) for span in each.spans)
            else:
                candidates.extend(each.spans)
        return candidates

    def listed(self, text: str, candidates: list[Span]) -> list[Span]:
        """The allow list's values taken out, the deny list's values put in."""
        if self.allow_list:
            allowed = self.allow_list
            candidates = [c for c in candidates
                          if (value := c.text(text)) not in allowed and value.casefold() not in allowed]
        for pattern, entity_type in self.deny_patterns:
            for match in pattern.finditer(text):
                candidates.append(Span(match.start(), match.end(), entity_type, 1.0, "deny_list",
                                       Verdict.VALID, (), 1.0))
        return candidates

    # -- Comprehend's operations -------------------------------------------------------

    def detect(self, text: str, language_code: str = "en", *, explain: bool = False) -> dict[str, Any]:
        """DetectPiiEntities: `{"Entities": [{"Score", "Type", "BeginOffset", "EndOffset"}]}`."""
        check_language(language_code)
        spans = self.find(check_text(text, SYNC_TEXT_LIMIT_BYTES))
        return formats.detect_response(spans, explain=explain)

    def detect_many(self, texts: Iterable[str], language_code: str = "en", *,
                    processes: int | None = None, explain: bool = False) -> list[dict[str, Any]]:
        """DetectPiiEntities on each text, spread over `processes` processes (default:
        every core this process may use), in order: each answer equals `detect` on its
        text. Every text is checked first, so a text `detect` refuses raises the same
        error (naming its index) before any work starts.

        >>> [len(a["Entities"]) for a in DEFAULT_SCANNER.detect_many(["SSN 212-67-4013", "hello"])]
        [1, 0]
        """
        check_language(language_code)
        batch = list(texts)
        for position, text in enumerate(batch):
            try:
                check_text(text, SYNC_TEXT_LIMIT_BYTES)
            except PiiscanError as error:
                raise type(error)(f"texts[{position}]: {error.message}") from None
        return [formats.detect_response(spans, explain=explain)
                for spans in self.find_many(batch, processes=processes)]

    def find_many(self, texts: Sequence[str], *, processes: int | None = None) -> list[list[Span]]:
        """`find` on each text, on up to `processes` processes (see `detect_many`).

        Texts go out in chunks, about four for each process so that a slow chunk does
        not leave the others idle, of `MIN_CHUNK_CHARACTERS` to `BATCH_CHUNK_CHARACTERS`
        characters; each pool process gets this scanner once, when it starts. A batch too
        small to fill two chunks, or one process, runs here.
        """
        workers = _usable_cores() if processes is None else processes
        if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
            raise InvalidRequestException(f"processes must be a positive integer, got {workers!r}")
        chunks = _chunks(texts, _chunk_characters(sum(len(text) for text in texts), workers))
        if workers == 1 or len(chunks) < 2:
            return [self.find(text) for text in texts]
        from piiscan.pool import ProcessPool  # multiprocessing costs 40 ms to import

        pool = ProcessPool(min(workers, len(chunks)), _adopt_scanner, (self,))
        try:
            futures = [pool.submit(_find_chunk, chunk) for chunk in chunks]
            return [spans for future in futures for spans in future.result()]
        finally:
            pool.shutdown()

    def contains(self, text: str, language_code: str = "en") -> dict[str, Any]:
        """ContainsPiiEntities: `{"Labels": [{"Name", "Score"}]}`, one label per type."""
        check_language(language_code)
        return formats.contains_response(self.find(check_text(text, SYNC_TEXT_LIMIT_BYTES)))

    def redact(self, text: str, entity_types: Iterable[str] = (REDACTION_SELECTOR_ALL,),
               mask_mode: str = "MASK", mask_character: str = "*",
               language_code: str = "en") -> str:
        """What an ONLY_REDACTION job writes for this document (up to 1 MB of UTF-8)."""
        check_language(language_code)
        config = RedactionConfig.checked(entity_types, mask_mode, mask_character)
        return config.apply(check_text(text, DOCUMENT_LIMIT_BYTES), self.find(text))


@dataclass(frozen=True)
class RedactionConfig:
    """Which types to redact and how (spec §12): MASK keeps the length, REPLACE does not."""

    entity_types: frozenset[str]
    mask_mode: str = "MASK"
    mask_character: str = "*"

    @classmethod
    def checked(cls, entity_types: Iterable[str], mask_mode: str = "MASK",
                mask_character: str = "*") -> RedactionConfig:
        """Validate as the service does; `ALL` selects every type."""
        types = _strings(entity_types, "entity_types")
        if not types:
            raise InvalidRequestException("PiiEntityTypes must name at least one type (or ALL)")
        allowed = [t.value for t in EntityType] + [REDACTION_SELECTOR_ALL]
        for entity_type in types:
            if entity_type not in allowed:
                raise validation_error(entity_type, "redactionConfig.piiEntityTypes.member",
                                       f"Member must satisfy enum value set: [{', '.join(allowed)}]")
        if mask_mode not in MASK_MODES:
            raise validation_error(mask_mode, "redactionConfig.maskMode",
                                   f"Member must satisfy enum value set: [{', '.join(MASK_MODES)}]")
        if not isinstance(mask_character, str) or len(mask_character) != 1 \
                or mask_character not in MASK_CHARACTERS:
            raise validation_error(mask_character, "redactionConfig.maskCharacter",
                                   "Member must satisfy regular expression pattern: [!@#$%&*]")
        selected = (frozenset(t.value for t in EntityType) if REDACTION_SELECTOR_ALL in types
                    else frozenset(types))
        return cls(selected, mask_mode, mask_character)

    def apply(self, text: str, spans: Iterable[Span]) -> str:
        """Replace the selected spans; every other character is copied verbatim."""
        pieces: list[str] = []
        cursor = 0
        for span in spans:
            if span.type not in self.entity_types:
                continue
            pieces.append(text[cursor : span.start])
            if self.mask_mode == "MASK":
                pieces.append(self.mask_character * (span.end - span.start))
            else:
                pieces.append(f"[{span.type}]")
            cursor = span.end
        pieces.append(text[cursor:])
        return "".join(pieces)


#: The Scanner behind the module functions, built once; it is immutable.
DEFAULT_SCANNER = Scanner()
#: About how many characters `Scanner.find_many` sends to a pool process at a time: enough
#: that sending them costs little next to scanning them (about a second of work).
BATCH_CHUNK_CHARACTERS = 500_000
#: The least a chunk holds (tens of milliseconds of work), unless the batch is smaller.
MIN_CHUNK_CHARACTERS = 20_000


class _PoolScanner:
    """The scanner a `find_many` pool process uses: set once, when the process starts."""

    scanner: Scanner = DEFAULT_SCANNER


def _adopt_scanner(scanner: Scanner) -> None:
    _PoolScanner.scanner = scanner


def _find_chunk(texts: list[str]) -> list[list[Span]]:
    return [_PoolScanner.scanner.find(text) for text in texts]


def chunk_size(total: int, workers: int, least: int, most: int) -> int:
    """How much of `total` one chunk holds so that each of `workers` gets about four
    chunks (a slow one then leaves no process idle), within [`least`, `most`]. Batches
    (characters) and jobs (files) are cut by it.

    >>> chunk_size(4_000, 2, 200, 1_000), chunk_size(40_000, 2, 200, 1_000), chunk_size(9, 2, 200, 1_000)
    (500, 1000, 200)
    """
    return max(least, min(most, -(-total // (4 * workers))))


def _chunk_characters(total: int, workers: int) -> int:
    """How many characters a chunk of a `total`-character batch holds on `workers`.

    >>> _chunk_characters(500_000, 2), _chunk_characters(50_000_000, 2), _chunk_characters(9, 2)
    (62500, 500000, 20000)
    """
    return chunk_size(total, workers, MIN_CHUNK_CHARACTERS, BATCH_CHUNK_CHARACTERS)


def _chunks(texts: Sequence[str], characters: int) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    size = 0
    for text in texts:
        if size >= characters:
            chunks.append([])
            size = 0
        chunks[-1].append(text)
        size += len(text)
    return [chunk for chunk in chunks if chunk]


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def detect_pii_entities(text: str, language_code: str = "en") -> dict[str, Any]:
    """DetectPiiEntities with the default Scanner."""
    return DEFAULT_SCANNER.detect(text, language_code)


def detect_many(texts: Iterable[str], language_code: str = "en", *,
                processes: int | None = None) -> list[dict[str, Any]]:
    """`Scanner.detect_many` with the default Scanner."""
    return DEFAULT_SCANNER.detect_many(texts, language_code, processes=processes)


def contains_pii_entities(text: str, language_code: str = "en") -> dict[str, Any]:
    """ContainsPiiEntities with the default Scanner."""
    return DEFAULT_SCANNER.contains(text, language_code)


def redact(text: str, entity_types: Iterable[str] = (REDACTION_SELECTOR_ALL,),
           mask_mode: str = "MASK", mask_character: str = "*") -> str:
    """Redact `text` as an ONLY_REDACTION job would, with the default Scanner."""
    return DEFAULT_SCANNER.redact(text, entity_types, mask_mode, mask_character)


__all__ = [
    "DEFAULT_SCANNER",
    "DOCUMENT_LIMIT_BYTES",
    "SYNC_TEXT_LIMIT_BYTES",
    "RedactionConfig",
    "Scanner",
    "check_language",
    "check_text",
    "contains_pii_entities",
    "custom_recognizer",
    "detect_many",
    "detect_pii_entities",
    "redact",
]
