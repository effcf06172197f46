"""Person names (NAME), found without a model.

Capitalised runs scored with gazetteers and the words around them; names in lower case
and in capitals with evidence of their own. `NameRecognizer` explains the evidence.

>>> found(NAME, "Hello Zhang Wei, I am John. Dr. Jane Doe lives at Jane Doe Street.")
['Zhang Wei', 'John', 'Jane Doe']
>>> found(NAME, "Tube Snake Boogie topped the New York charts in March.")
[]
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from piiscan.context import Context
from piiscan.entities import Span, Verdict
from piiscan.recognizers import gazetteers, lexicons
from piiscan.recognizers.base import caseless, found
from piiscan.recognizers.name_evidence import (
    ADDRESSING_VERBS,
    AGE_AFTER_RE,
    CEILING,
    IMPERATIVES,
    NOT_IN_NAMES,
    PARTICLES,
    PRONOUN_AFTER_RE,
    QUOTE_BEFORE_RE,
    REACH,
    SCORECARD_BEFORE_RE,
    SPEAKER_AFTER_RE,
    SPEECH_VERB_AFTER_RE,
    SUBJECT_VERB_AFTER_RE,
    TITLES,
    WEIGHTS,
    Lists,
    NameWeights,
    Token,
    backward,
    has_pronouns,
    lists,
    parts_in,
    previous_word,
    row_evidence,
    score,
    site,
    starts_sentence,
    strong_cue_before,
    title_before,
    token_evidence,
)
from piiscan.view import TextView

__all__ = ["NAME", "NameRecognizer", "found"]

_TOKEN = (r"(?:(?:\p{Lu}['’]\p{Lu}\p{Ll}+"
          r"|\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:[-'’](?!s\b)\p{Lu}?\p{Ll}+)*)(?![\p{L}\p{N}_])"
          r"|\p{Lu}\.|(?![IA]\b)\p{Lu}(?=[ \t]+\p{Lu}\p{Ll}))")
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"
_RUN_RE = regex.compile(
    rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{N}}_@#'’./-]){_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_TOKEN}){{0,6}}")
_TOKEN_RE = regex.compile(_TOKEN + "|" + _PARTICLE + r"(?=[ \t])")
_COMPANY_AFTER_RE = regex.compile(
    r",?[ \t]*(?:Inc|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|Co|Company|GmbH|PLC|LLP|LP|S\.A|SA|"
    r"AG|NV|BV|Pty|Group|Holdings|& (?:Co|Sons)|is\s+an?\s+(?:\w+\s+)?(?:agency|company|firm|"
    r"business|startup|brand|bank|band|organi[sz]ation))\b")
_INSTITUTION_AFTER_RE = regex.compile(
    r"[ \t]+(?:hospital|hosp|clinic|medical|university|college|school|institute|church|"
    r"center|centre|hotel|restaurant|street|avenue|road|boulevard|lane|drive)\b")
#: Words after which a lone unknown word may be a name: relations, verbs addressed to
#: someone, and a cricket scorecard's c(aught) and b(owled).
_NAMED_AFTER_WORDS = lexicons.RELATIONS | ADDRESSING_VERBS | {"c", "b"}
_SCORES_AFTER_RE = regex.compile(r"[ \t]+[0-9]{1,3}[ \t]+[0-9]{1,3}\b(?![.,:/-][0-9])")
_NUMBER_BEFORE_RE = backward(r"[0-9][ \t]*$")
_NUMBER_AFTER_RE = regex.compile(r"[ \t]+[0-9]{1,5}[A-Za-z]?\b(?![.,:/-][0-9])")
# A lower-case name is only believed right after a cue: "thanks obama", "i'm ryan".
_LOWER_CUE_WORDS = frozenset("name am m im me hi hey hello dear thanks thank thx congrats "
                             "congratulations tell told ask asked met miss love rip birthday".split())
_LOWER_CUE_BEFORE_RE = backward(
    r"\b(?:my\s+name\s+is|name\s+is|i\s+am|i'm|i\s*'\s*m|im|call\s+me|hi|hey|hello|dear|thanks|"
    r"thank\s+you|thx|congrats|congratulations|tell|told|ask|asked|met|miss|love|rip|"
    r"happy\s+birthday)[ \t]*,?[ \t]+$", regex.IGNORECASE)
_CODE_WORD_BEFORE_RE = backward(r"\b(?:if|elif|while|not|and|or|return|assert|in|is)[ \t]+$")
_PAIR_RE = regex.compile(r"[ \t]+(?:and|&)[ \t]+")
_COORDINATION_RE = regex.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+|&[ \t]*|or[ \t]+)?|[ \t]+(?:and|&|or)"
                                 r"[ \t]+)")

_BREAKERS = frozenset(
    # pronouns, determiners, greetings, sign-offs and other words that start or end a name
    "i a an the this that these those my your our their his her its we you he she they it me us "
    "him them hello hi hey dear thanks thank regards sincerely best cheers yours please yes no ok "
    "okay oh and or but if so not as at by for from in into of on to with without via per re fw "
    "fwd cc bcc attn subject date name phone email tel fax mobile address dob ssn id no note "
    "when where what who why how which while after before since until during today tomorrow "
    "yesterday here there also just then now well good great happy merry welcome congratulations "
    "congrats bye goodbye rip poor "
    # programming constants
    "true false none null nil nan "
    # polite pronouns of German, Spanish and French
    "sie ihnen ihr ihre usted ustedes vous "
    "sorry patient customer client employee user manager contact candidate applicant tenant member "
    "owner driver caller sender recipient thur "
    # a verb that starts notes' sentences ("See CareVue for data")
    "see".split()) | (frozenset(lexicons.MONTHS) - {"jan"}) | frozenset(lexicons.WEEKDAYS) | \
    lexicons.RELATIONS  # "Nephew Tomas phoned": the name follows


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A possible name and its evidence, in the order the weights add up."""

    tokens: tuple[Token, ...]
    evidence: tuple[str, ...]
    backed: bool  # some token is a known name that is not an ordinary word
    personal: bool = False  # a full name, or a known given name: not a firm's surname

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    def plus(self, feature: str) -> _Candidate:
        return dataclasses.replace(self, evidence=(*self.evidence, feature))


@dataclass(frozen=True, slots=True)
class NameRecognizer:
    """Person names from capitalised token runs, gazetteers, titles and cues.

    A run of capitalised tokens (with initials and particles such as ``van`` or ``de``) is
    cut at words that cannot be part of a name (pronouns, greetings, months); a run with
    an organisation, street, place or country word, or followed by a company suffix or
    a house number, or right after a house number, is dropped. Each remaining piece is
    scored from its tokens: a known given name first and a known surname last weigh most;
    a middle initial weighs too; ordinary English words (Webster's 2nd) weigh against.
    Around it: a title before it (``Dr.``) is kept out of the span and lifts the score;
    so does a cue right before it (``my name is``, ``Dear``), which also vouches for
    names no gazetteer knows; a possessive ``'s``, a vocative (``Mary?``) and a list of
    names (``Kónya, Becker and Vasquez``) add evidence; so do a name inside a sentence
    (``thanks to Nick for``), a verb it is the subject of (``Crosby went``), a pronoun
    that refers back (``Sarah when she``) and a speaker's colon (``Koppány: "Who``).
    A lone country, US state or big city is a place (``against Liverpool``, ``visited
    Paris``), and ``the White House`` is a thing. Names in lower case count after a cue
    (``thanks obama``), before a pronoun or verb, or as given name and surname (``amy
    schumer``); names in capitals count beside other words in capitals (``BEST OF
    RANBIR``). Weaker cues nearby (``said``) work through context.

    >>> found(NAME, "Hello Zhang Wei, I am John. Dr. Jane Doe lives at Jane Doe Street.")
    ['Zhang Wei', 'John', 'Jane Doe']
    >>> found(NAME, "Tube Snake Boogie topped the New York charts in March.")
    []
    """

    name: str = "name"
    entity: str = "NAME"
    context: Context = Context(
        words=("said", "says", "told", "asked", "met", "meet", "wife", "husband", "son",
               "daughter", "mother", "father", "brother", "sister", "friend", "colleague",
               "manager", "author", "written by", "by", "with", "ask", "señor", "señora",
               "president", "minister", "spokesman", "spokeswoman", "spokesperson", "leader",
               "chairman", "chief", "coach", "captain", "player", "striker", "singer", "actor",
               "actress", "founder", "ceo", "secretary", "governor", "senator", "deputy"),
        boost=0.15,
        shared_penalties=False,
    )

    weights: NameWeights = WEIGHTS

    @property
    def ceiling(self) -> float:
        return CEILING

    def find(self, view: TextView, floor: float = 0.0) -> Iterator[Span]:
        """Yield a scored span for every plausible name piece of every capitalised run
        that scores `floor` at least (and more than 0)."""
        lowest = floor - 1e-9  # float-safe
        for candidate in self.candidates(view):
            value = min(score(candidate.evidence, self.weights), CEILING)
            if value > 0 and value >= lowest:
                yield Span(candidate.start, candidate.end, self.entity, value, self.name,
                           Verdict.UNCHECKED, (), value,
                           self.weights.explain(candidate.evidence))

    def candidates(self, view: TextView) -> list[_Candidate]:
        """Every possible name in the document with its evidence, in order of position."""
        text, names, pronouns = view.text, lists(), has_pronouns(view.words)
        known: _Known = {}
        given, family = names.given, names.family
        candidates: list[_Candidate] = []
        for run in _RUN_RE.finditer(text):
            if _is_hopeless_single_word(text, run, given, family):
                continue
            offset, whole = run.start(), run.group()
            if " " not in whole and "\t" not in whole:  # one token: the run is that token
                tokens = [Token(offset, run.end(), whole.lower().rstrip("."))]
            else:
                tokens = [Token(offset + m.start(), offset + m.end(),
                                m.group().lower().rstrip(".")) for m in _TOKEN_RE.finditer(whole)]
            if len(tokens) > 1 and tokens[0].word in lexicons.NATIONALITIES:
                tokens = tokens[1:]  # "German Chancellor Olaf Scholz", "American Tom Moody"
            last_title = max((i for i, t in enumerate(tokens[:-1]) if t.word in TITLES),
                             default=0)
            tokens = tokens[last_title:]  # "Federal Reserve Governor Lawrence Lindsey"
            if tokens and starts_sentence(text, tokens[0].start) and (
                    tokens[0].word in IMPERATIVES or (
                        len(tokens) > 2 and names.is_word(tokens[0].word)
                        and not names.is_name(tokens[0].word)
                        and tokens[0].word.endswith(("ing", "ed")))):
                # "Call Alice Johnson about ...", "Booing Roger Goodell is": a verb that
                # starts the sentence, then the name
                tokens = tokens[1:]
                if not tokens:
                    continue
            if self._is_not_a_person(text, run, tokens):
                continue
            for piece in _pieces(tokens):
                candidates.append(_evidence(text, piece, names, pronouns, known))
        candidates.extend(_lower_case_names(view, names))
        candidates.extend(_cued_names(view, names))
        candidates.extend(_unknown_after_cue(view, names))
        candidates.extend(_signatures(view, names))
        candidates.extend(_upper_case_names(text, names))
        candidates.sort(key=lambda c: c.start)
        return _firm_lists(text, _coordinate(text, candidates))

    @staticmethod
    def _is_not_a_person(text: str, run: regex.Match[str], tokens: list[Token]) -> bool:
        if any(t.word in NOT_IN_NAMES for t in tokens):
            return True
        if _COMPANY_AFTER_RE.match(text, run.end(), run.end() + 60):
            return True
        if _INSTITUTION_AFTER_RE.match(text, run.end(), run.end() + 16):
            return True  # "at Kernan hospital": a place named after someone
        if len(tokens) > 1 and tokens[0].word in lists().given and \
                _SCORES_AFTER_RE.match(text, run.end(), run.end() + 16):
            return False  # a player's scores: "291 Phillip Price 72 76 74 69"
        if _NUMBER_AFTER_RE.match(text, run.end(), run.end() + 8) and \
                not SCORECARD_BEFORE_RE.search(text, max(0, run.start() - 4), run.start()):
            return True  # "Joaquin Suarez 2906": a street and its house number (not "b Fleming 44")
        if tokens and tokens[0].word in _BREAKERS:
            return False  # "... 269 Dear Olga": the number is not a house number
        return _NUMBER_BEFORE_RE.search(text, max(0, run.start() - 8), run.start()) is not None


_Known = dict[tuple[object, ...], tuple[tuple[str, ...], bool, bool]]


def _evidence(text: str, piece: list[Token], names: Lists, pronouns: bool,
              known: _Known) -> _Candidate:
    """One piece of a capitalised run, with what its tokens and its surroundings say.

    What the rows read lies within `REACH` characters of the piece, so a piece whose
    surroundings repeat one met before in the document (a table, a hostile text) takes
    that piece's evidence from `known` instead of reading them again."""
    start, end = piece[0].start, piece[-1].end
    low, high = max(0, start - REACH), min(len(text), end + REACH)
    key = (text[low:high], start - low, low == 0, high == len(text),
           tuple((t.start - low, t.end - low, t.word) for t in piece))
    found = known.get(key)
    if found is None:
        at = site(text, piece, names, pronouns)
        evidence = (*token_evidence(piece, names), *row_evidence(at))
        personal = not at.place and (
            len(at.words) > 1 or any(w in names.given and not names.is_word(w) for w in at.words))
        found = known[key] = (evidence, at.backed, personal)
    return _Candidate(tuple(piece), *found)


def _lower_case_names(view: TextView, lists: Lists) -> Iterator[_Candidate]:
    """Names written in lower case, all starting with a given name that is not a frequent
    word: one right after a cue ("thanks obama"), one that a pronoun or a verb follows
    ("gaby gave herself"), or one followed by a surname ("amy schumer")."""
    text, words = view.text, view.words
    firsts = gazetteers.rare_given_names().intersection(words) - _BREAKERS - lexicons.CLINICAL_WORDS
    if not firsts:
        return
    cues = not _LOWER_CUE_WORDS.isdisjoint(words)
    for match in sorted(_occurrences(text, firsts), key=regex.Match.start):
        word, start, end = match.group(), match.start(), match.end()
        if cues and len(word) > 2 and _LOWER_CUE_BEFORE_RE.search(text, max(0, start - 32), start):
            yield _Candidate((Token(start, end, word),), ("lower_case_after_cue",), True, True)
        elif word not in lists.any_word and \
                (PRONOUN_AFTER_RE.match(text, end, end + 80)
                 or (SUBJECT_VERB_AFTER_RE.match(text, end, end + 12)
                     and not _CODE_WORD_BEFORE_RE.search(text, max(0, start - 8), start))):
            yield _Candidate((Token(start, end, word),), ("lower_case_before_pronoun_or_verb",),
                             True, True)
        gap = _SHORT_GAP_RE.match(text, end)
        following = _LOWER_WORD_RE.match(text, gap.end()) if gap else None
        if following is not None:
            last = following.group()
            if last in lists.family and last not in lists.frequent \
                    and not (word in lists.any_word and last in lists.any_word):
                yield _Candidate((Token(start, end, word),
                                  Token(following.start(), following.end(), last)),
                                 ("lower_case_full_name",), True, True)


_CUE_WORDS = lexicons.TITLES_ANY_CASE | lexicons.RELATIONS
_CUE_RE = regex.compile(r"(?<![^\s(\[\"'“‘,;:/])(?P<cue>" + caseless(*sorted(_CUE_WORDS)) +
                        r")(?P<gap>\.?[ \t]+|\.|[ \t]*,[ \t]*)(?=\p{L})")
_CUED_WORD_RE = regex.compile(r"\p{L}[\p{L}'’-]*(?<![-'’])(?![\w@/])|\p{L}\.(?=[ \t]+\p{L})")
_WORD_GAP_RE = regex.compile(r"[ \t]+")
_SET_OFF_AFTER_RE = regex.compile(r"[ \t]*(?:[,;)(]|\r?\n|$)")
#: Given names that are also verbs written right after a title or a relation ("dr will
#: see", "son may visit"): never read as the name there.
_VERBS_NOT_NAMES = frozenset("will may can said says did does mark bill sue rob".split())
_HOUSE_NUMBER_BEFORE_RE = backward(r"\b[0-9]+[A-Za-z]?(?:[ \t]+[\p{L}'’.-]+){1,4}[ \t]+$")


def _cued_names(view: TextView, lists: Lists) -> Iterator[_Candidate]:
    """Names in lower case or capitals right after a title or a relation, which the
    capitalised runs miss: "DR RAKUSIN AWARE", "dr. rowe notified", "Dr.Sawtelle", "son
    jonathan arrived", "wife, rose, left". After a title the first word is a known name
    or no English word at all ("dr aware" is not a name); after a relation it is a given
    name, set off by punctuation when it is also a frequent word ("daughter, pat,").
    Further words join when they are initials, rare names or no English word."""
    if _CUE_WORDS.isdisjoint(view.words):
        return
    text = view.text
    for cue in _CUE_RE.finditer(text):
        title = cue.group("cue").lower() in lexicons.TITLES_ANY_CASE
        if title and "," in cue.group("gap"):
            continue
        if cue.group("cue").lower() == "dr" and \
                _HOUSE_NUMBER_BEFORE_RE.search(text, max(0, cue.start() - 48), cue.start()):
            continue  # "1775 spectrum dr suite 100": a drive
        tokens: list[Token] = []
        position = cue.end()
        while len(tokens) < 3:
            match = _CUED_WORD_RE.match(text, position)
            if match is None:
                break
            token = Token(match.start(), match.end(), match.group().lower().rstrip("."))
            if not _joins_cued_name(text, token, tokens, title, lists):
                break
            tokens.append(token)
            gap = _WORD_GAP_RE.match(text, match.end())
            if gap is None:
                break
            position = gap.end()
        while tokens and tokens[-1].is_initial:
            tokens.pop()
        if not tokens:
            continue
        first, written = text[tokens[0].start:tokens[0].end], cue.group("cue")
        if first[:1].isupper() and not first.isupper() and cue.group("gap") != "." and \
                written[:1].isupper() and not written.isupper():
            continue  # "Dr. Jane Doe": the capitalised runs read it, with more evidence
        yield _Candidate(tuple(tokens), ("cued_by_title" if title else "cued_by_relation",), True, True)


def _joins_cued_name(text: str, token: Token, before: list[Token], title: bool,
                     lists: Lists) -> bool:
    word = token.word
    if word in _BREAKERS or word in TITLES or word in _CUE_WORDS or word in _VERBS_NOT_NAMES:
        return False
    if before:
        if token.is_initial:
            return True
        if lists.is_name(word):
            return word not in lists.frequent
        return not lists.is_word(word) and word not in lists.frequent and len(word) >= 4 \
            and any(vowel in word for vowel in "aeiouy")
    if len(word) < 2 or token.is_initial:
        return False
    if title:
        return lists.is_name(word) or not (lists.is_word(word) or word in lists.frequent)
    if not parts_in(word, lists.given):
        return False
    if word not in lists.frequent or _SET_OFF_AFTER_RE.match(text, token.end) is not None:
        return True
    following = _CUED_WORD_RE.match(text, token.end + 1)  # "GIRLFRIEND EVE IN": a name ends
    return following is not None and text[token.end] in " \t" and \
        following.group().lower() in _BREAKERS


_SIGNATURE_RE = regex.compile(
    r"(?<=(?:\A|\n)[ \t]*)(?P<name>\p{L}[\p{L}'’-]+(?:[ \t]+\p{L}\.?)?[ \t]+\p{L}[\p{L}'’-]+)"
    r"[ \t]*,?[ \t]*" + caseless(*sorted(lexicons.CREDENTIALS)) + r"(?:[ \t]*[/,][ \t]*"
    + caseless(*sorted(lexicons.CREDENTIALS)) + r")*[ \t.]*(?=\r?\n|\Z)")


def _signatures(view: TextView, lists: Lists) -> Iterator[_Candidate]:
    """A signature line: a name and credentials alone on a line ("ANNA K. BREWER, RN",
    "paul dietz, rrt"), the name starting with a given name and ending with a surname
    or a word that is no English word."""
    if lexicons.CREDENTIALS.isdisjoint(view.words):
        return
    text = view.text
    for match in _SIGNATURE_RE.finditer(text):
        offset = match.start("name")
        tokens = [Token(offset + m.start(), offset + m.end(), m.group().lower().rstrip("."))
                  for m in _CUED_WORD_RE.finditer(match.group("name"))]
        if len(tokens) < 2 or not parts_in(tokens[0].word, lists.given) or \
                tokens[0].word in _BREAKERS:
            continue
        last = tokens[-1].word
        if last in _BREAKERS or not (parts_in(last, lists.family) or not lists.is_word(last)):
            continue
        yield _Candidate(tuple(tokens), ("signature",), True, True)


_LOWER_CUE_THEN_WORD_RE = regex.compile(
    r"(?<![\w'’])(?i:my\s+name\s+is|name\s+is|call\s+me|thanks|thank\s+you|thx|dear|"
    r"congrats|congratulations|rip|r\.i\.p|happy\s+birthday)[ \t]*,?[ \t]+"
    r"(?P<word>[a-z][a-z'’-]{2,20})(?![\w@#'’-])")


#: The cues of `_LOWER_CUE_THEN_WORD_RE`, each with the first word it needs in the text.
_NAMING_CUE_HEADS = {head: head.split(".")[0].split()[0] for head in (
    "my name is", "name is", "call me", "thanks", "thank you", "thx", "dear", "congrats",
    "congratulations", "rip", "r.i.p", "happy birthday")}
_NAMING_CUE_FIRSTS = frozenset(_NAMING_CUE_HEADS.values())


def _positions(lowered: str, needle: str) -> Iterator[int]:
    at = lowered.find(needle)
    while at >= 0:
        yield at
        at = lowered.find(needle, at + 1)


def _unknown_after_cue(view: TextView, lists: Lists) -> Iterator[_Candidate]:
    """A word in lower case that is no English word, right after a cue that names
    someone: "thanks obama", "my name is krithika" (not after a greeting: "hey gweh" is
    as often slang). Known given names there are `_lower_case_names`' work."""
    text, words = view.text, view.words
    if _NAMING_CUE_FIRSTS.isdisjoint(words):
        return
    heads = [head for head, first in _NAMING_CUE_HEADS.items() if first in words]
    lowered = text.lower()  # the same offsets: finding the cues is a C-speed search
    starts = sorted({at for head in heads for at in _positions(lowered, head)})
    for start in starts:
        match = _LOWER_CUE_THEN_WORD_RE.match(text, start)
        if match is None:
            continue
        word = match.group("word")
        if not word.islower():
            continue
        if word in _BREAKERS or word in lists.frequent or lists.is_word(word) or \
                word in lists.given or word in lexicons.CLINICAL_WORDS or \
                word in lexicons.FORMS_OF_ADDRESS:
            continue
        start, end = match.span("word")
        yield _Candidate((Token(start, end, word),), ("unknown_after_naming_cue",), True, True)


def _upper_case_names(text: str, lists: Lists) -> Iterator[_Candidate]:
    """Given names shouted in capitals ("THANK YOU JINX", "IS THAT IDRIS"): rare given names
    of four letters or more that are no English word, next to an English word in capitals,
    so no acronym ("NINO MK675933C") or constant ("the LANG variable")."""
    words = list(_UPPER_WORD_RE.finditer(text))
    for index, match in enumerate(words):
        word = match.group().lower()
        if len(word) < 4 or word not in lists.given or word in lists.frequent or \
                word in lists.any_word or word in _BREAKERS or word in lists.places:
            continue
        neighbours = [n for n in (words[index - 1] if index else None,
                                  words[index + 1] if index + 1 < len(words) else None)
                      if n is not None and _adjacent(text, n, match) and not _beside_digits(text, n)]
        if any(n.group().lower() in lists.frequent for n in neighbours):
            yield _Candidate((Token(match.start(), match.end(), word),), ("capitals_beside_words",),
                             True, True)


def _beside_digits(text: str, word: regex.Match[str]) -> bool:
    """A word that is part of an identifier ("NINO AH 00 00 00 A"), not of a sentence."""
    return _DIGIT_AFTER_RE.match(text, word.end()) is not None or \
        _DIGIT_BEFORE_RE.search(text, max(0, word.start() - 3), word.start()) is not None


_DIGIT_AFTER_RE = regex.compile(r"[ \t-]*[0-9]")
_DIGIT_BEFORE_RE = backward(r"[0-9][ \t-]*$")


def _adjacent(text: str, one: regex.Match[str], other: regex.Match[str]) -> bool:
    """Only white space (and at most one comma) between two words."""
    left, right = (one, other) if one.start() < other.start() else (other, one)
    gap = text[left.end() : right.start()]
    return len(gap) <= 3 and gap.replace(",", "").strip() == ""


_UPPER_WORD_RE = regex.compile(r"(?<![\w@#'’./-])\p{Lu}{2,15}(?![\w@'’./-])")


def _occurrences(text: str, words: Iterable[str]) -> Iterator[regex.Match[str]]:
    """Where each of `words` stands in `text` as a whole lower-case word."""
    for word in words:
        position = text.find(word)
        while position >= 0:
            match = _LOWER_WORD_RE.match(text, position)
            if match is not None and match.end() == position + len(word):
                yield match
            position = text.find(word, position + 1)


_SHORT_GAP_RE = regex.compile(r"\s{1,2}")
# a lower-case word, not a piece of code ("elif len (", "del elem . attrs")
_LOWER_WORD_RE = regex.compile(r"(?<![\w@#'’./-])[a-z]{2,15}(?![\w@'’./-]|[ \t]*(?:[(\[=]|\.[ \t]*[a-z_]))")
_FIRM_AFTER_RE = regex.compile(
    r"[ \t]*(?:Orchestra|Technologies|Associates|Group|Partners|Company|Inc|LLC|Ltd|LLP|Law|"
    r"Consulting|Studios?|(?:is|are)[ \t]+an?[ \t]+(?:\w+[ \t]+)?(?:agency|company|firm|business|"
    r"startup|band|bank))\b")
_FIRM_BEFORE_RE = backward(r"(?:\b(?:at|from|The|the|with|for)[ \t]+)$")


def _firm_lists(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """Three or more bare words in a list, named as a firm ("Jones, Mitchell and Williams
    as the assistant", "The Clark, Romero and Hall Orchestra"), are not people."""
    if len(candidates) < 3:
        return candidates
    firms: set[int] = set()
    chain: list[int] = []
    for index in range(len(candidates) + 1):
        candidate = candidates[index] if index < len(candidates) else None
        if candidate is not None and chain and len(candidate.tokens) == 1 \
                and _COORDINATION_RE.fullmatch(text, candidates[chain[-1]].end, candidate.start):
            chain.append(index)
            continue
        if len(chain) >= 3:
            first, last = candidates[chain[0]], candidates[chain[-1]]
            if _FIRM_AFTER_RE.match(text, last.end, last.end + 40) or \
                    _FIRM_BEFORE_RE.search(text, max(0, first.start - 6), first.start):
                firms.update(chain)
        chain = [index] if candidate is not None and len(candidate.tokens) == 1 else []
    if not firms:
        return candidates
    return [c.plus("listed_as_firm") if i in firms else c for i, c in enumerate(candidates)]


def _coordinate(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """Names listed together ("Anna, Mary and Jodi") lend each other evidence.

    A list of bare surnames ("Owens, Duran and Oneal") is the classic firm name, so a
    list only counts when one of the pair is a full name or a known given name, or when
    the two stand alone as a pair ("Usamov and Bowers").
    """
    if len(candidates) < 2:
        return candidates
    listed = [0] * len(candidates)
    for index, (left, right) in enumerate(itertools.pairwise(candidates)):
        if not (left.backed and right.backed):
            continue
        pair = (_PAIR_RE.fullmatch(text, left.end, right.start) is not None
                and not (index and _COORDINATION_RE.fullmatch(text, candidates[index - 1].end,
                                                              left.start)))
        if not (left.personal or right.personal or pair):
            continue
        if _COORDINATION_RE.fullmatch(text, left.end, right.start):
            listed[index] += 1
            listed[index + 1] += 1
    if not any(listed):
        return candidates
    return [dataclasses.replace(c, evidence=(*c.evidence, *("listed_with_names",) * n)) if n else c
            for c, n in zip(candidates, listed, strict=True)]


def _is_hopeless_single_word(text: str, run: regex.Match[str], given: frozenset[str],
                             family: frozenset[str]) -> bool:
    """A lone capitalised word that no cue or title could make a name: skip it early.

    The same words `_pieces` and `_score` would drop anyway (breakers, and words in no
    gazetteer without a title before them), decided without building tokens.
    """
    word = run.group()
    if " " in word or "\t" in word:
        return False
    lower = word.lower().rstrip(".")
    if lower in _BREAKERS or lower in TITLES:
        return True
    if lower in given or lower in family or "-" in lower:
        return False
    if strong_cue_before(text, run.start()):
        return False
    if PRONOUN_AFTER_RE.match(text, run.end(), run.end() + 80):
        return False
    if previous_word(text, run.start()) in _NAMED_AFTER_WORDS:
        return False  # "wife Naina", "told Suharto", "c Healy b Fleming"
    if SPEAKER_AFTER_RE.match(text, run.end(), run.end() + 4):
        return False
    if (SPEECH_VERB_AFTER_RE.match(text, run.end(), run.end() + 12) and
            QUOTE_BEFORE_RE.search(text, max(0, run.start() - 4), run.start())) or \
            AGE_AFTER_RE.match(text, run.end(), run.end() + 10):
        return False
    return not title_before(text, run.start())


def _pieces(tokens: list[Token]) -> Iterator[list[Token]]:
    """Split a run at breaker words and titles; trim particles and dangling initials."""
    if len(tokens) == 1:  # the common case, decided without the loop below
        word = tokens[0].word
        if len(word) > 1 and word not in _BREAKERS and word not in TITLES and \
                word not in PARTICLES:
            yield tokens
        return
    piece: list[Token] = []
    for token in [*tokens, Token(-1, -1, "the")]:
        if not token.is_initial and (token.word in _BREAKERS or token.word in TITLES):
            while piece and (piece[-1].word in PARTICLES or
                             (piece[-1].is_initial and len(piece) > 1)):
                piece.pop()
            while piece and piece[0].word in PARTICLES:
                piece.pop(0)
            if 1 <= len(piece) <= 4 and not all(t.is_initial for t in piece):
                yield piece
            piece = []
        else:
            piece.append(token)


NAME = NameRecognizer()
