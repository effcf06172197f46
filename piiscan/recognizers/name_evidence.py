"""NAME's evidence as data: named features and rows, and their weights in one frozen table.

A candidate's score is the sum of the weights of the evidence it has, in order, where
some rows also lift the score to a floor (a title before a name makes it at least 0.75,
whatever its words say). Three kinds of evidence:

- *token features*: what the words of a piece say on their own (`token_evidence`);
- *rows* (`ROWS`): what the text around a piece says, each a named test over the piece's
  `Site`; the rows of one `group` exclude each other (the first that holds counts);
- *sources*: candidates found by a dedicated search (a signature line, a name after
  "son"), and what lists of names lend each other.

The weights are data (`data/name_weights.json`), fitted by `scripts/fit_name_weights.py`;
a file that does not name exactly the features here fails at import.

>>> score(("lone_given", "title_before"), WEIGHTS) >= 0.75
True
>>> score(("lone_unknown", "the_before"), WEIGHTS) < 0.5
True
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import NamedTuple

import regex

from piiscan.recognizers import gazetteers, lexicons
from piiscan.recognizers.base import caseless
from piiscan.recognizers.places import STREET_SUFFIX_WORDS

__all__ = ["FEATURES", "ROWS", "WEIGHTS", "Evidence", "Lists", "NameWeights", "Site",
           "WeightsMismatchError", "lists", "row_evidence", "score", "token_evidence"]


def backward(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A pattern for the window that ends where a candidate starts, searched from its end
    (the `regex` module's REVERSE flag): the same matches, found without trying every
    start in the window (`tests/recognizers/test_engines.py` checks they agree)."""
    return regex.compile(pattern, flags | regex.REVERSE)


# -- the word lists -----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Lists:
    """The word lists NAME consults (see `gazetteers`)."""

    given: frozenset[str]
    family: frozenset[str]
    any_word: Container[str]  # every English word, rare ones too (web2, as digests)
    frequent: frozenset[str]  # frequent English words (SCOWL 35)
    places: frozenset[str] = frozenset()  # one-word countries, US states, cities of 100,000

    def is_name(self, word: str) -> bool:
        return word in self.given or word in self.family

    def is_word(self, word: str) -> bool:
        """A known name is a word only if frequent ("Will"); an unknown token if in web2."""
        if word in lexicons.CLINICAL_WORDS:  # "Neuro:", "Neo gtt": headings and drugs
            return True
        if self.is_name(word):
            return word in self.frequent
        # web2 lacks plurals ("Hats") and other inflections ("Updated"), SCOWL has them
        return word in self.any_word or word in self.frequent or \
            (word.endswith("s") and word[:-1] in self.any_word)


@cache
def lists() -> Lists:
    """The word lists, loaded once; clinical words ("Neo", "Foley") are no names here."""
    return Lists(gazetteers.given_names() - lexicons.CLINICAL_WORDS,
                 gazetteers.surnames() - lexicons.CLINICAL_WORDS, gazetteers.common_words(),
                 gazetteers.frequent_words(), gazetteers.places())


def parts_in(word: str, names: frozenset[str]) -> bool:
    """`word` is in `names`, or each part of a hyphenated `word` is ("Mary-Kate")."""
    if word in names:
        return True
    parts = word.replace("’", "'").split("-")
    return len(parts) > 1 and all(p in names for p in parts)


# -- token features -------------------------------------------------------------------------

class Token(NamedTuple):
    """One word of a run where it stands (a named tuple: several are built for every
    capitalised run, so they must be cheap to build)."""

    start: int
    end: int
    word: str  # lower case, without a final full stop

    @property
    def is_initial(self) -> bool:
        return len(self.word) == 1


PARTICLES = frozenset("van von de da del della der den di du la le dos das do bin binti ibn ter "
                      "ten zu y".split())

#: What one word of a full name can be, by its place: first, last, or a lone word.
_WORD_KINDS = ("given_word", "given", "family_word", "family", "english_word", "unknown", "foreign")
TOKEN_FEATURES: tuple[str, ...] = (
    "lone_initial", "lone_short", "lone_given_word", "lone_given", "lone_family_word",
    "lone_family", "lone_unknown", "no_words", "full_name", "first_initial",
    *(f"first_{kind}" for kind in _WORD_KINDS), *(f"last_{kind}" for kind in _WORD_KINDS),
    "middle_english_word", "middle_initial")


def _word_kind(word: str, position: str, names: Lists) -> str:
    """What one word of a full name says: a given name first and a surname last weigh most."""
    is_given, is_family = parts_in(word, names.given), parts_in(word, names.family)
    is_word = names.is_word(word)
    primary, secondary = (is_given, is_family) if position == "first" else (is_family, is_given)
    kinds = ("given", "family") if position == "first" else ("family", "given")
    if primary:
        return f"{position}_{kinds[0]}_word" if is_word else f"{position}_{kinds[0]}"
    if secondary:
        return f"{position}_{kinds[1]}_word" if is_word else f"{position}_{kinds[1]}"
    if is_word:
        return f"{position}_english_word"
    return f"{position}_unknown" if word.isascii() else f"{position}_foreign"  # "Sörös"


def token_evidence(piece: Sequence[Token], names: Lists) -> list[str]:
    """The token features of a piece, in the order their weights add up.

    >>> token_evidence([Token(0, 4, "jane"), Token(5, 11, "kowalski")], lists())
    ['full_name', 'first_given', 'last_family']
    >>> token_evidence([Token(0, 4, "tube")], lists())
    ['lone_unknown']
    """
    if len(piece) == 1:
        word = piece[0].word
        if len(word) == 1 or word in PARTICLES:
            return ["lone_initial"]
        if len(word) <= 2:
            return ["lone_short"]  # "Mi", "Li", "Jo": too short to tell alone
        if parts_in(word, names.given):
            return ["lone_given_word" if names.is_word(word) else "lone_given"]
        if parts_in(word, names.family):
            return ["lone_family_word" if names.is_word(word) else "lone_family"]
        return ["lone_unknown"]
    words = [t.word for t in piece if not t.is_initial and t.word not in PARTICLES]
    if not words:
        return ["no_words"]
    first_is_initial = piece[0].is_initial
    found = ["full_name"]
    if first_is_initial:
        found.append("first_initial")
    else:
        found.append(_word_kind(words[0], "first", names))
    if len(words) > 1 or first_is_initial:
        found.append(_word_kind(words[-1], "last", names))
    for word in words[1:-1]:
        if names.is_word(word) and not names.is_name(word):
            found.append("middle_english_word")
    if len(piece) >= 3 and any(t.is_initial for t in piece[1:-1]):
        found.append("middle_initial")  # "Faina D. Yefremova": a middle initial is a person's
    return found


# -- the text around a piece ----------------------------------------------------------------

TITLES = frozenset(w.lower() for w in lexicons.TITLES)
IMPERATIVES = frozenset(
    "call tell pay ping introducing introduce meet invite send ask text remind visit help "
    "contact email e-mail message phone ring notify inform cc forward thank welcome "
    "congratulate greet page".split())
#: Organisation, place and street words: a run holding one of these is no person's name.
NOT_IN_NAMES = frozenset(
    "inc llc ltd corp co company corporation group holdings bank university college school "
    "institute hospital clinic church club association foundation society council department "
    "ministry agency office services service solutions systems technologies technology labs "
    "partners capital financial insurance airlines airways motors media news press times post "
    "journal magazine records studios pictures entertainment hotel restaurant cafe café bar pub "
    "investments ventures consulting associates industries enterprises brothers bros orchestra "
    "band force army navy police court royal "
    "street st avenue ave road rd boulevard blvd drive lane ln court ct place pl terrace way "
    "parkway pkwy highway hwy circle square plaza trail crescent close grove gardens park bridge "
    "river lake mount mountain mt valley beach island islands bay harbor harbour port fort county "
    "city town village state states province republic kingdom united north south east west "
    "northern southern eastern western new san santa los las el la saint ste national federal "
    "international global american european british canadian indian chinese english french german "
    "spanish airport station center centre mall market tower building hall museum library "
    "stadium arena theater theatre centre gallery academy "
    # street words that come first in many languages
    "rua via calle avenida avda rue strasse straße str ul ulica utca viale corso piazza rambla "
    "carrer camino travessa largo alameda "
    # countries and continents (a lone country is a place, not a person)
    "france germany spain italy portugal brazil canada mexico japan china india russia ukraine "
    "poland sweden norway denmark finland iceland ireland scotland wales england britain australia "
    "zealand austria switzerland belgium netherlands holland greece turkey egypt israel iran iraq "
    "syria lebanon pakistan bangladesh nepal thailand vietnam malaysia singapore indonesia "
    "philippines korea taiwan argentina chile peru colombia venezuela ecuador bolivia paraguay "
    "uruguay cuba jamaica nigeria kenya ethiopia ghana morocco algeria tunisia libya sudan somalia "
    "uganda tanzania zambia zimbabwe angola namibia botswana mozambique hungary romania bulgaria "
    "serbia croatia slovenia slovakia czechia czech bosnia albania estonia latvia lithuania belarus "
    "moldova armenia azerbaijan kazakhstan uzbekistan afghanistan mongolia luxembourg monaco malta "
    "cyprus europe africa asia america antarctica oceania usa uk".split()) | \
    lexicons.NATIONALITIES | lexicons.BRANDS

TITLE_BEFORE_RE = backward(r"(?:\b(?:" + "|".join(lexicons.TITLES) + r")\.?[ \t]+)$")
STRONG_CUE_BEFORE_RE = backward(
    r"(?i:\b(?:my\s+name\s+is|name\s+is|names?\s+are|i\s+am|i'm|this\s+is|dear|hello|hi|hey|"
    r"signed\s+by|sincerely|regards|attn|attention|patient|customer|client|employee|tenant|"
    r"applicant|candidate|name|full\s+name|last\s+name|first\s+name|surname|contact|"
    r"contact\s+person|called|named|me\s+llamo|soy|thanks|thank\s+you|says|said|starring|"
    r"featuring|feat|calls\s+me|call\s+me|named\s+(?:him|her)|guardian|beneficiary|ms|mrs|mr|"
    r"bye|goodbye|congrats|congratulations|shout\s*out\s+to|welcome\s+back|rip|r\.i\.p|"
    r"love\s+you|miss\s+you)\b)"
    r"[?]?\s*[:,]?[ \t]*(?:\r?\n[ \t>]*)?$")
# the last word of each strong cue above, for `may_follow`
STRONG_CUE_LAST_WORDS = frozenset(
    "is are am i'm dear hello hi hey by sincerely regards attn attention patient customer "
    "client employee tenant applicant candidate name surname contact person called named "
    "llamo soy thanks you says said starring featuring feat me him her guardian beneficiary "
    "ms mrs mr bye goodbye congrats congratulations to back rip r.i.p".split())
QUOTE_BEFORE_RE = backward(r"[\"”'’][ \t]*$")
AGE_AFTER_RE = regex.compile(r"[ \t]*,[ \t]*[1-9][0-9]?[ \t]*(?:,|--|\(|$)")
_SPEECH_VERBS = ("said says told adds added explained wrote insisted stressed argued warned "
                 "admitted announced testified tweeted").split()
SPEECH_VERB_AFTER_RE = regex.compile(r"[ \t]+(?:" + "|".join(_SPEECH_VERBS) + r")\b")
_COUNTRY_AFTER_RE = regex.compile(r"[ \t]*\([ \t]*(?P<place>\p{Lu}[\p{L}.]*(?:[ \t]\p{Lu}[\p{L}.]*)?)"
                                  r"[ \t]*[),]")
_POSSESSIVE_AFTER_RE = regex.compile(r"[ \t]?['’][ \t]?s\b")
_VOCATIVE_AFTER_RE = regex.compile(r"[ \t]*[?!]|[ \t]?,[ \t]+(?:can|could|would|will|please|do|did|are|"
                                   r"is|have|thanks|thank|i|we|you|it|this|that|what|where|when|how)"
                                   r"\b")
_STREET_CUE_BEFORE_RE = backward(
    r"\b(?:corner\s+of|lives\s+on|live\s+on|enter\s+on|located\s+on|intersection\s+of)\b", regex.I)
_PERSONAL_NOUNS = ("novel novels book books song songs album albums film films movie movies "
                   "concert concerts family estate administration campaign interview biography "
                   "memoir fan fans version quote speech lyrics painting poem").split()
_PERSONAL_NOUN_AFTER_RE = regex.compile(r"[ \t]+(?:" + "|".join(_PERSONAL_NOUNS) + r")\b")
# "Sarah when she works", "dana ! He wants": a personal pronoun soon after refers back.
_PRONOUN = caseless("he", "she", "his", "her", "him", "himself", "herself")
PRONOUN_AFTER_RE = regex.compile(
    rf"(?:(?=[^.!?\n]{{0,50}}?\b{_PRONOUN}\b)[^.!?\n]*?\w[^.!?\n]*?"
    r"|[ \t]*[.!?]+[ \t]*[^.!?\n]{0,20}?)"  # or the name ends its sentence: "dana ! He wants"
    rf"\b{_PRONOUN}\b(?!['’]?[\w-])")
# a lower-case word before, but not one that makes the next word an adjective or a place
# ("the Russian government", "her Uber resignation", "University of Nicosia")
_LOWER_WORD_BEFORE_RE = backward(
    r"(?<![^\s(\"'“‘])(?!(?:the|a|an|this|that|these|those|new|nice|her|his|their|our|my|your|its|de)"
    r"[ \t])"
    r"\p{Ll}[\p{Ll}'’]*[ \t]+$")
_COORDINATION_AROUND_RE = regex.compile(r"[ \t]*,")
_SUBJECT_VERBS = ("is was has had went got gets should would could will did does said says made "
                  "makes looks looked wants wanted knows knew loves loved hates never always "
                  "still just").split()
SUBJECT_VERB_AFTER_RE = regex.compile(r"[ \t]+(?:" + "|".join(_SUBJECT_VERBS) + r")\b")
_PLACE_WORDS = "in|from|near|via|into|across|around"
_PLACE_BEFORE_RE = backward(rf"\b(?:{_PLACE_WORDS})[ \t]+$")
_WHO_AFTER_RE = regex.compile(r"[ \t]*,[ \t]*(?:who|whose|whom)\b")
_QUOTE_AFTER_RE = regex.compile(r":[ \t]*[\"“'‘]")
SPEAKER_AFTER_RE = regex.compile(r":[ \t]*(?:[\"“'‘]|\p{Lu})")
_THE_BEFORE_RE = backward(r"\bthe[ \t]+$")
IMPERATIVE_BEFORE_RE = backward(r"(?<![\w'’-])" + caseless(*sorted(IMPERATIVES)) + r"[ \t]+$")
_PLEASE_BEFORE_RE = backward(r"\b[Pp]lease[ \t]+$")
_CITY_PLACE_BEFORE_RE = backward(
    r"\b" + caseless(*_PLACE_WORDS.split("|"), "to", "at", "against", "visit", "visited",
                     "visiting", "outside", "toward", "towards", "of") + r"[ \t]+$")

_GAP_CHARS = frozenset("?:,>")


def may_follow(text: str, start: int, last_words: frozenset[str]) -> bool:
    """Could a cue whose last word is one of `last_words` end right before `start`, behind
    only white space and ``?:,>``? A cheap test before the cue's regex: the word before
    is read as its letters alone ("x-dear" -> "dear") and with apostrophes and full stops
    ("i'm", "r.i.p"), lower-cased. `tests/recognizers/test_engines.py` checks it never
    says no where the regex finds a cue."""
    end = start
    while end > 0 and (text[end - 1].isspace() or text[end - 1] in _GAP_CHARS):
        end -= 1
    letters = end
    while letters > 0 and text[letters - 1].isalpha():
        letters -= 1
    if text[letters:end].lower() in last_words:
        return True
    extended = letters
    while extended > 0 and (text[extended - 1].isalpha() or text[extended - 1] in "'."):
        extended -= 1
    return extended < letters and text[extended:end].lower() in last_words


def starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n\r"


def strong_cue_before(text: str, start: int) -> bool:
    """A cue that names whoever follows: "my name is", "Dear", "patient:"."""
    return may_follow(text, start, STRONG_CUE_LAST_WORDS) and \
        STRONG_CUE_BEFORE_RE.search(text, max(0, start - 24), start) is not None


def title_before(text: str, start: int) -> bool:
    return TITLE_BEFORE_RE.search(text, max(0, start - 16), start) is not None


def after_imperative(text: str, start: int) -> bool:
    """Right after a verb addressed to someone ("Call", "please ask") that starts a
    sentence or follows "please"."""
    if not may_follow(text, start, IMPERATIVES):
        return False
    verb = IMPERATIVE_BEFORE_RE.search(text, max(0, start - 24), start)
    if verb is None:
        return False
    return starts_sentence(text, verb.start()) or \
        _PLEASE_BEFORE_RE.search(text, max(0, verb.start() - 8), verb.start()) is not None


def is_speaker(text: str, start: int, end: int, strong: bool) -> bool:
    """A name labelling what someone says: 'Koppány: "Who are you?"', and, for a known
    name or at the start of a line, 'Nicole: Remember that'."""
    if not text.startswith(":", end):  # both patterns start with the colon
        return False
    if _QUOTE_AFTER_RE.match(text, end, end + 4):
        return True
    at_line_start = start == 0 or text[start - 1] == "\n"
    return (strong or at_line_start) and SPEAKER_AFTER_RE.match(text, end, end + 4) is not None


class Site(NamedTuple):
    """One piece of a capitalised run where it stands: what the rows read (a named
    tuple: built for every piece, so it must be cheap to build)."""

    text: str
    start: int
    end: int
    lone: bool  # one token
    piece: tuple[Token, ...]
    words: tuple[str, ...]  # the words that are not initials
    names: Lists
    backed: bool  # some word is a known name that is no ordinary word
    plausible: bool  # no word is an English word
    first_is_word: bool  # the first word is an English word
    place: bool  # a place that is no given name, or one after a place word
    # cheap facts that rule rows out before their regexes run
    next_char: str  # the first character after the piece past spaces and tabs ("" at the end)
    next_word: str  # the word there (\w+, as written), or ""
    previous_word: str  # the word right before the piece, past spaces and tabs, lower case
    opens_sentence: bool  # the piece starts a sentence (or a line)
    pronouns: bool  # the document holds a personal pronoun ("he", "she", ...)

    def after(self, pattern: regex.Pattern[str], width: int) -> bool:
        return pattern.match(self.text, self.end, self.end + width) is not None

    def before(self, pattern: regex.Pattern[str], width: int) -> bool:
        return pattern.search(self.text, max(0, self.start - width), self.start) is not None


# (spaces and words bounded, so what a site reads lies within `REACH` of the piece)
_NEXT_RE = regex.compile(r"[ \t]{0,80}(?:(?P<word>\w{1,40})(?!\w)|(?P<char>.))?", regex.S)
#: How far before and after a piece its site and rows read, at most.
REACH = 128
_PRONOUN_WORDS = frozenset(("he", "she", "his", "her", "him", "himself", "herself"))


def has_pronouns(words_of_text: frozenset[str]) -> bool:
    """Does a document with these (lower-case) words hold a personal pronoun?"""
    return not _PRONOUN_WORDS.isdisjoint(words_of_text)


def site(text: str, piece: Sequence[Token], names: Lists, pronouns: bool) -> Site:
    """A piece where it stands (`pronouns`: whether its document holds a pronoun)."""
    words = tuple(t.word for t in piece if not t.is_initial)
    start, end = piece[0].start, piece[-1].end
    following = _NEXT_RE.match(text, end)
    next_word = (following.group("word") or "") if following is not None else ""
    next_char = next_word[:1] or ((following.group("char") or "") if following is not None else "")
    lone = len(piece) == 1
    place = lone and bool(words) and words[0] in names.places and (
        words[0] not in names.given or
        _CITY_PLACE_BEFORE_RE.search(text, max(0, start - 12), start) is not None)
    english = [names.is_word(w) for w in words]
    backed = any(len(w) > 2 and not is_word and names.is_name(w)
                 for w, is_word in zip(words, english, strict=True))
    return Site(text, start, end, lone, tuple(piece), words, names, backed,
                bool(words) and not any(english), bool(english) and english[0], place,
                next_char, next_word, previous_word(text, start),
                starts_sentence(text, start), pronouns)


def previous_word(text: str, start: int) -> str:
    """The letters right before `start` past spaces and tabs, lower case ("" if none)."""
    end = start
    while end > 0 and start - end < 80 and text[end - 1] in " \t":
        end -= 1
    begin = end
    while begin > 0 and end - begin <= 20 and text[begin - 1].isalpha():
        begin -= 1
    return text[begin:end].lower() if end - begin <= 20 else ""


#: Verbs whose object is a person: "told Suharto", "met Yeltsin".
ADDRESSING_VERBS = frozenset(
    "told tell tells asked ask asks urged urge urges thanked thank thanks telephoned phoned "
    "met meet meets congratulated warned praised accused criticised criticized interviewed "
    "replaced succeeded".split())
SCORECARD_BEFORE_RE = backward(r"(?<=\s)[cb][ \t]+$")
_BOWLING_FIGURES_AFTER_RE = regex.compile(r"[ \t]+[0-9]{1,2}(?:\.[0-9])?-[0-9]{1,2}-[0-9]{1,3}-[0-9]{1,2}\b")
_SPEECH_VERB_SET = frozenset(_SPEECH_VERBS)
_PERSONAL_NOUN_SET = frozenset(_PERSONAL_NOUNS)
_SUBJECT_VERB_SET = frozenset(_SUBJECT_VERBS)
_VOCATIVE_FIRST = frozenset("?!,")  # what `_VOCATIVE_AFTER_RE` can start with


def _in_country(s: Site) -> bool:
    """The parenthesised word after a name is a country or a place ("( Russia )"), and
    the name is no place itself ("in Paris ( France )")."""
    if s.next_char != "(":
        return False
    match = _COUNTRY_AFTER_RE.match(s.text, s.end, s.end + 40)
    if match is None:
        return False
    place = match.group("place").lower()
    return (place in s.names.places or place in NOT_IN_NAMES or place in ("u.s.", "usa", "uk")) \
        and not s.before(_CITY_PLACE_BEFORE_RE, 12) and not s.before(_THE_BEFORE_RE, 5)


def _mid_sentence(s: Site) -> bool:
    """ "off to Nick for", "having Coulter on": a known name capitalised mid-sentence."""
    return s.lone and bool(s.words) and s.names.is_name(s.words[0]) and \
        s.before(_LOWER_WORD_BEFORE_RE, 20) and not s.after(_COORDINATION_AROUND_RE, 6)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One row: when `test` holds at a site, `name`'s weight is added, then the score is
    raised to `floor` (if any). Of the rows sharing a `group`, only the first that holds
    counts. Rows with `persons_only` are not read for a place ("visited Paris")."""

    name: str
    test: Callable[[Site], bool]
    floor: float | None = None
    group: str | None = None
    persons_only: bool = False


ROWS: tuple[Evidence, ...] = (
    # what stands right before: one reading only
    Evidence("title_before", lambda s: title_before(s.text, s.start), floor=0.75, group="before"),
    Evidence("naming_cue_before_unknown",
             lambda s: s.plausible and strong_cue_before(s.text, s.start), floor=0.7,
             group="before"),
    Evidence("naming_cue_before", lambda s: not s.plausible and strong_cue_before(s.text, s.start),
             group="before"),
    Evidence("after_imperative", lambda s: not s.place and after_imperative(s.text, s.start),
             group="before"),  # "Call Bob now", "please ask Maria"
    Evidence("sentence_start",
             lambda s: s.lone and s.opens_sentence and not s.backed and
             not (s.next_char in _VOCATIVE_FIRST and s.after(_VOCATIVE_AFTER_RE, 12)),
             group="before"),
    Evidence("after_place_word", lambda s: s.lone and s.before(_PLACE_BEFORE_RE, 10),
             group="before"),  # "in Geneva", "from London"
    Evidence("place", lambda s: s.place, group="before"),  # "against Liverpool"
    Evidence("mid_sentence_word_name", lambda s: s.first_is_word and _mid_sentence(s),
             group="before"),  # "about Trump using": more telling for a name that is a word
    Evidence("mid_sentence_name", lambda s: not s.first_is_word and _mid_sentence(s),
             group="before"),  # "having Coulter on"
    # someone addressed or spoken of: "visits wife Naina", "Ramos told Suharto"
    Evidence("relation_before", lambda s: s.previous_word in lexicons.RELATIONS and
             s.text[s.start - 1] in " \t"),
    Evidence("object_of_address", lambda s: not s.place and s.previous_word in ADDRESSING_VERBS
             and s.text[s.start - 1] in " \t"),
    # cricket scorecards: "c Healy b Fleming 44", bowling figures "Croft 8-0-37-2"
    Evidence("scorecard", lambda s: (s.previous_word in ("c", "b") and
                                     s.before(SCORECARD_BEFORE_RE, 4)) or
             (s.next_char.isdigit() and s.after(_BOWLING_FIGURES_AFTER_RE, 20))),
    # things named after people, and streets
    Evidence("the_before", lambda s: not s.backed and "the" in s.text[max(0, s.start - 5):s.start]
             and s.before(_THE_BEFORE_RE, 5)),  # "the Jetta"
    Evidence("street_named", lambda s: len(s.piece) > 1 and s.piece[-1].word in STREET_SUFFIX_WORDS
             and s.before(_STREET_CUE_BEFORE_RE, 60)),  # "the corner of ... Coves"
    Evidence("possessive_after", lambda s: s.next_char in "'’" and s.next_char != "" and
             s.after(_POSSESSIVE_AFTER_RE, 3)),
    Evidence("personal_noun_after", lambda s: (s.backed or s.plausible) and
             s.next_word in _PERSONAL_NOUN_SET and
             s.after(_PERSONAL_NOUN_AFTER_RE, 16)),  # "the Castro novel"
    # what a person does
    Evidence("speaker", lambda s: s.lone and s.opens_sentence and
             (s.backed or (s.plausible and s.words[0] not in s.names.frequent)) and
             is_speaker(s.text, s.start, s.end, strong=s.backed), floor=0.6,
             persons_only=True),  # 'Koppány: "Who are you?"'
    Evidence("subject_verb_after", lambda s: s.lone and s.backed and
             s.next_word in _SUBJECT_VERB_SET and s.after(SUBJECT_VERB_AFTER_RE, 12),
             persons_only=True),  # "Crosby went down"
    Evidence("speech_verb_after", lambda s: (s.backed or s.plausible) and
             s.next_word in _SPEECH_VERB_SET and s.after(SPEECH_VERB_AFTER_RE, 12) and
             (s.backed or not s.lone or s.before(QUOTE_BEFORE_RE, 4)), floor=0.6,
             persons_only=True),  # "Lebed told reporters"; "Xinhua said" only after a quote
    Evidence("country_after", _in_country, floor=0.6,
             persons_only=True),  # results and line-ups: "Ato Boldon ( Trinidad )"
    Evidence("age_after", lambda s: (s.backed or s.plausible) and s.next_char == "," and
             s.after(AGE_AFTER_RE, 10),
             floor=0.6, persons_only=True),  # "Wang , 45 , a veteran dissident"
    Evidence("who_after", lambda s: (s.backed or s.plausible) and s.next_char == "," and
             s.after(_WHO_AFTER_RE, 8),
             persons_only=True),  # "Hendrix, who died in 1970"
    Evidence("vocative_after", lambda s: s.backed and s.next_char in _VOCATIVE_FIRST and
             s.after(_VOCATIVE_AFTER_RE, 12),
             persons_only=True),  # "Mary?", "Tom, can you"
    Evidence("pronoun_after_unknown", lambda s: s.plausible and s.pronouns and
             s.after(PRONOUN_AFTER_RE, 80),
             floor=0.55, group="pronoun", persons_only=True),  # "Sarah when she works"
    Evidence("pronoun_after", lambda s: not s.plausible and
             (s.backed or s.names.is_name(s.words[-1] if s.words else "")) and s.pronouns and
             s.after(PRONOUN_AFTER_RE, 80), group="pronoun", persons_only=True),
)


def row_evidence(at: Site) -> list[str]:
    """The names of the rows that hold at `at`, in order."""
    fired: list[str] = []
    done: set[str] = set()
    for row in ROWS:
        if (row.group is not None and row.group in done) or (row.persons_only and at.place):
            continue
        if row.test(at):
            fired.append(row.name)
            if row.group is not None:
                done.add(row.group)
    return fired


#: Candidates a dedicated search finds, each starting from its own weight, and what
#: names listed together do to each other.
SOURCES: tuple[str, ...] = (
    "lower_case_after_cue",  # "thanks obama", "i'm ryan"
    "lower_case_before_pronoun_or_verb",  # "gaby gave herself"
    "lower_case_full_name",  # "amy schumer"
    "cued_by_title",  # "DR RAKUSIN AWARE", "dr. rowe notified"
    "cued_by_relation",  # "son jonathan arrived", "wife, rose, left"
    "unknown_after_naming_cue",  # "my name is krithika"
    "signature",  # "ANNA K. BREWER, RN"
    "capitals_beside_words",  # "THANK YOU JINX"
    "listed_with_names",  # "Anna, Mary and Jodi"
    "listed_as_firm",  # "Jones, Mitchell and Williams as the assistant"
)

FEATURES: tuple[str, ...] = (*TOKEN_FEATURES, *(row.name for row in ROWS), *SOURCES)
FLOORS: Mapping[str, float] = MappingProxyType(
    {row.name: row.floor for row in ROWS if row.floor is not None})
#: No name scores above this, whatever its evidence: the model is never certain.
CEILING = 0.95


# -- the weights ----------------------------------------------------------------------------

class WeightsMismatchError(ImportError):
    """The weights file does not name exactly the features of the evidence table."""


@dataclass(frozen=True, slots=True)
class NameWeights:
    """One weight per feature, read from a data file."""

    values: Mapping[str, float]
    source: str = ""
    #: each feature's (weight, floor), and its (name, weight) pair for explanations
    steps: Mapping[str, tuple[float, float | None]] = dataclasses.field(
        default_factory=dict, compare=False, repr=False)
    pairs: Mapping[str, tuple[str, float]] = dataclasses.field(
        default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "steps", MappingProxyType(
            {f: (w, FLOORS.get(f)) for f, w in self.values.items()}))
        object.__setattr__(self, "pairs", MappingProxyType(
            {f: (f, w) for f, w in self.values.items()}))

    def __getitem__(self, feature: str) -> float:
        return self.values[feature]

    def __reduce__(self) -> tuple[object, tuple[dict[str, float], str]]:
        return NameWeights.checked, (dict(self.values), self.source)

    def explain(self, evidence: Sequence[str]) -> tuple[tuple[str, float], ...]:
        """`evidence` with each feature's weight: what `--explain` shows."""
        return tuple(map(self.pairs.__getitem__, evidence))

    @classmethod
    def checked(cls, values: Mapping[str, float], source: str) -> NameWeights:
        """Weights for exactly `FEATURES`, or `WeightsMismatchError` naming both sides."""
        missing = sorted(set(FEATURES) - set(values))
        unknown = sorted(set(values) - set(FEATURES))
        if missing or unknown:
            raise WeightsMismatchError(
                f"the NAME weights file {source} does not match the evidence table in "
                f"{__name__} (FEATURES): missing {missing or 'none'}, unknown {unknown or 'none'}")
        bad = sorted(k for k, v in values.items() if not isinstance(v, (int, float)) or
                     isinstance(v, bool) or not -5.0 <= v <= 5.0)
        if bad:
            raise WeightsMismatchError(f"the NAME weights file {source} has weights that are no "
                                  f"numbers in [-5, 5]: {bad}")
        return cls(MappingProxyType({k: float(values[k]) for k in FEATURES}), source)


WEIGHTS_FILE = "name_weights.json"


def load_weights(document: str, source: str) -> NameWeights:
    """Weights from the JSON text of a weights file: ``{"weights": {feature: weight}}``."""
    try:
        values = json.loads(document)["weights"]
    except (ValueError, KeyError, TypeError) as error:
        raise WeightsMismatchError(f"the NAME weights file {source} is not a JSON object with "
                              f"'weights': {error}") from None
    if not isinstance(values, dict):
        raise WeightsMismatchError(f"the NAME weights file {source}: 'weights' must be an object")
    return NameWeights.checked(values, source)


def _packaged_weights() -> NameWeights:
    path = resources.files("piiscan.recognizers").joinpath("data").joinpath(WEIGHTS_FILE)
    return load_weights(path.read_text("utf-8"), f"piiscan/recognizers/data/{WEIGHTS_FILE}")


WEIGHTS = _packaged_weights()


def score(evidence: Sequence[str], weights: NameWeights) -> float:
    """A candidate's score: its weights added in order, each floor applied where it fires."""
    total = 0.0
    steps = weights.steps
    for feature in evidence:
        weight, floor = steps[feature]
        total += weight
        if floor is not None and total < floor:
            total = floor
    return total
