"""Person names (NAME), found without a model.

Capitalised runs scored with gazetteers and the words around them; names in lower case
and in capitals with evidence of their own. `NameRecognizer` explains the evidence.

>>> found(NAME, "Hello Zhang Wei, I am John. Dr. Jane Doe lives at Jane Doe Street.")
['Zhang Wei', 'John', 'Jane Doe']
>>> found(NAME, "Tube Snake Boogie topped the New York charts in March.")
[]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import regex

from piiscan.entities import Span, Verdict
from piiscan.recognizers import gazetteers, lexicons
from piiscan.recognizers.base import Context, caseless, document_words, found
from piiscan.recognizers.places import _SUFFIX_WORDS

__all__ = ["NAME", "NameRecognizer", "found"]

def _backward(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A pattern for the window that ends where a candidate starts, searched from its end
    (the `regex` module's REVERSE flag): the same matches, found without trying every
    start in the window (`tests/recognizers/test_engines.py` checks they agree)."""
    return regex.compile(pattern, flags | regex.REVERSE)


_TOKEN = (r"(?:(?:\p{Lu}['’]\p{Lu}\p{Ll}+"
          r"|\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:[-'’](?!s\b)\p{Lu}?\p{Ll}+)*)(?![\p{L}\p{N}_])"
          r"|\p{Lu}\.|(?![IA]\b)\p{Lu}(?=[ \t]+\p{Lu}\p{Ll}))")
_PARTICLES = frozenset("van von de da del della der den di du la le dos das do bin binti ibn ter ten "
                       "zu y".split())
_PARTICLE = "(?:" + "|".join(sorted(_PARTICLES, key=len, reverse=True)) + ")"
_RUN_RE = regex.compile(
    rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{N}}_@#'’./-]){_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_TOKEN}){{0,6}}")
_TOKEN_RE = regex.compile(_TOKEN + "|" + _PARTICLE + r"(?=[ \t])")
_TITLE_WORDS = (
    "Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Rev|Fr|Capt|Captain|Col|Gen|Lt|Sgt|"
    "Hon|Judge|Sr|Sra|Srta|Mme|Mlle|Herr|Frau|Doctor|Nurse|Officer|Agent|Coach|Uncle|Aunt|Señor|"
    "Señora|President|Senator|Governor|Mayor|Minister|Chancellor|King|Queen|Prince|Princess|Duke|"
    "Duchess|Earl|Baron|Baroness|Pope|Bishop|Father|Sister|Brother|Rabbi|Imam|Chef|Detective|"
    "Inspector|Sergeant|Major|Commander|Admiral|General|Lieutenant|Councillor|Rep|Sen|Gov|Pres|"
    # occupations written before a name, as titles are: "Producer James Sparks"
    "Producer|Director|Singer|Actor|Actress|Author|Writer|Editor|Reporter|Journalist|Chairman|"
    "Chairwoman|Chairperson|CEO|Founder|Spokesman|Spokeswoman|Spokesperson|Composer|Artist|"
    "Photographer|Architect|Attorney|Lawyer|Dean|Principal|Pastor|Reverend"
)
_TITLE_BEFORE_RE = _backward(rf"(?:\b(?:{_TITLE_WORDS})\.?[ \t]+)$")
_STRONG_CUE_BEFORE_RE = _backward(
    r"(?i:\b(?:my\s+name\s+is|name\s+is|names?\s+are|i\s+am|i'm|this\s+is|dear|hello|hi|hey|"
    r"signed\s+by|sincerely|regards|attn|attention|patient|customer|client|employee|tenant|"
    r"applicant|candidate|name|full\s+name|last\s+name|first\s+name|surname|contact|"
    r"contact\s+person|called|named|me\s+llamo|soy|thanks|thank\s+you|says|said|starring|"
    r"featuring|feat|calls\s+me|call\s+me|named\s+(?:him|her)|guardian|beneficiary|ms|mrs|mr|"
    r"bye|goodbye|congrats|congratulations|shout\s*out\s+to|welcome\s+back|rip|r\.i\.p|"
    r"love\s+you|miss\s+you)\b)"
    r"[?]?\s*[:,]?[ \t]*(?:\r?\n[ \t>]*)?$")
_COMPANY_AFTER_RE = regex.compile(
    r",?[ \t]*(?:Inc|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|Co|Company|GmbH|PLC|LLP|LP|S\.A|SA|"
    r"AG|NV|BV|Pty|Group|Holdings|& (?:Co|Sons)|is\s+an?\s+(?:\w+\s+)?(?:agency|company|firm|"
    r"business|startup|brand|bank|band|organi[sz]ation))\b")
_INSTITUTION_AFTER_RE = regex.compile(
    r"[ \t]+(?:hospital|hosp|clinic|medical|university|college|school|institute|church|"
    r"center|centre|hotel|restaurant|street|avenue|road|boulevard|lane|drive)\b")
_QUOTE_BEFORE_RE = _backward(r"[\"”'’][ \t]*$")
_SCORES_AFTER_RE = regex.compile(r"[ \t]+[0-9]{1,3}[ \t]+[0-9]{1,3}\b(?![.,:/-][0-9])")
_AGE_AFTER_RE = regex.compile(r"[ \t]*,[ \t]*[1-9][0-9]?[ \t]*(?:,|--|\(|$)")
_SPEECH_VERB_AFTER_RE = regex.compile(
    r"[ \t]+(?:said|says|told|adds|added|explained|wrote|insisted|stressed|argued|warned|"
    r"admitted|announced|testified|tweeted)\b")
_COUNTRY_AFTER_RE = regex.compile(r"[ \t]*\([ \t]*(?P<place>\p{Lu}[\p{L}.]*(?:[ \t]\p{Lu}[\p{L}.]*)?)"
                                  r"[ \t]*[),]")


def _country(match: regex.Match[str] | None, lists: _Lists) -> bool:
    """The parenthesised word after a name is a country or a place ("( Russia )")."""
    if match is None:
        return False
    place = match.group("place").lower()
    return place in lists.places or place in _NOT_IN_NAMES or place in ("u.s.", "usa", "uk")


_NUMBER_BEFORE_RE = _backward(r"[0-9][ \t]*$")
_NUMBER_AFTER_RE = regex.compile(r"[ \t]+[0-9]{1,5}[A-Za-z]?\b(?![.,:/-][0-9])")
_POSSESSIVE_AFTER_RE = regex.compile(r"[ \t]?['’][ \t]?s\b")
_VOCATIVE_AFTER_RE = regex.compile(r"[ \t]*[?!]|[ \t]?,[ \t]+(?:can|could|would|will|please|do|did|are|"
                                   r"is|have|thanks|thank|i|we|you|it|this|that|what|where|when|how)"
                                   r"\b")
# A lower-case name is only believed right after a cue: "thanks obama", "i'm ryan".
# the last word of each strong cue above, for `_may_follow`
_STRONG_CUE_LAST_WORDS = frozenset(
    "is are am i'm dear hello hi hey by sincerely regards attn attention patient customer "
    "client employee tenant applicant candidate name surname contact person called named "
    "llamo soy thanks you says said starring featuring feat me him her guardian beneficiary "
    "ms mrs mr bye goodbye congrats congratulations to back rip r.i.p".split())
_LOWER_CUE_WORDS = frozenset("name am m im me hi hey hello dear thanks thank thx congrats "
                             "congratulations tell told ask asked met miss love rip birthday".split())
_LOWER_CUE_BEFORE_RE = _backward(
    r"\b(?:my\s+name\s+is|name\s+is|i\s+am|i'm|i\s*'\s*m|im|call\s+me|hi|hey|hello|dear|thanks|"
    r"thank\s+you|thx|congrats|congratulations|tell|told|ask|asked|met|miss|love|rip|"
    r"happy\s+birthday)[ \t]*,?[ \t]+$", regex.IGNORECASE)
_STREET_CUE_BEFORE_RE = _backward(
    r"\b(?:corner\s+of|lives\s+on|live\s+on|enter\s+on|located\s+on|intersection\s+of)\b", regex.I)
_PERSONAL_NOUN_AFTER_RE = regex.compile(
    r"[ \t]+(?:novel|novels|book|books|song|songs|album|albums|film|films|movie|movies|concert|"
    r"concerts|family|estate|administration|campaign|interview|biography|memoir|fans?|version|"
    r"quote|speech|lyrics|painting|poem)\b")
# "Sarah when she works", "dana ! He wants": a personal pronoun soon after refers back.
_PRONOUN = caseless("he", "she", "his", "her", "him", "himself", "herself")
_PRONOUN_AFTER_RE = regex.compile(
    rf"(?:(?=[^.!?\n]{{0,50}}?\b{_PRONOUN}\b)[^.!?\n]*?\w[^.!?\n]*?"
    r"|[ \t]*[.!?]+[ \t]*[^.!?\n]{0,20}?)"  # or the name ends its sentence: "dana ! He wants"
    rf"\b{_PRONOUN}\b(?!['’]?[\w-])")
# a lower-case word before, but not one that makes the next word an adjective or a place
# ("the Russian government", "her Uber resignation", "University of Nicosia")
_LOWER_WORD_BEFORE_RE = _backward(
    r"(?<![^\s(\"'“‘])(?!(?:the|a|an|this|that|these|those|new|nice|her|his|their|our|my|your|its|de)"
    r"[ \t])"
    r"\p{Ll}[\p{Ll}'’]*[ \t]+$")
_COORDINATION_AROUND_RE = regex.compile(r"[ \t]*,")
_SUBJECT_VERB_AFTER_RE = regex.compile(
    r"[ \t]+(?:is|was|has|had|went|got|gets|should|would|could|will|did|does|said|says|made|makes|"
    r"looks|looked|wants|wanted|knows|knew|loves|loved|hates|never|always|still|just)\b")
_CODE_WORD_BEFORE_RE = _backward(r"\b(?:if|elif|while|not|and|or|return|assert|in|is)[ \t]+$")
_PLACE_WORDS = "in|from|near|via|into|across|around"
_PLACE_BEFORE_RE = _backward(rf"\b(?:{_PLACE_WORDS})[ \t]+$")
_WHO_AFTER_RE = regex.compile(r"[ \t]*,[ \t]*(?:who|whose|whom)\b")
_QUOTE_AFTER_RE = regex.compile(r":[ \t]*[\"“'‘]")
_SPEAKER_AFTER_RE = regex.compile(r":[ \t]*(?:[\"“'‘]|\p{Lu})")
_THE_BEFORE_RE = _backward(r"\bthe[ \t]+$")
# Verbs addressed to someone: at the start of a sentence they are never part of the name
# after them ("Call Alice Johnson", "Meet Mary-Kate"), and they are evidence for it.
_IMPERATIVES = frozenset(
    "call tell pay ping introducing introduce meet invite send ask text remind visit help "
    "contact email e-mail message phone ring notify inform cc forward thank welcome "
    "congratulate greet page".split())
_IMPERATIVE_BEFORE_RE = _backward(
    r"(?<![\w'’-])" + caseless(*sorted(_IMPERATIVES)) + r"[ \t]+$")
_PLEASE_BEFORE_RE = _backward(r"\b[Pp]lease[ \t]+$")
_CITY_PLACE_BEFORE_RE = _backward(
    r"\b" + caseless(*_PLACE_WORDS.split("|"), "to", "at", "against", "visit", "visited",
                     "visiting", "outside", "toward", "towards", "of") + r"[ \t]+$")
_PAIR_RE = regex.compile(r"[ \t]+(?:and|&)[ \t]+")
_COORDINATION_RE = regex.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+|&[ \t]*|or[ \t]+)?|[ \t]+(?:and|&|or)"
                                 r"[ \t]+)")

_TITLES = frozenset(w.lower() for w in _TITLE_WORDS.split("|"))
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
    "owner driver caller sender recipient"
    # months and weekdays
    " january february march april may june july august september october november december "
    "feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday "
    "sunday mon tue tues wed thu thur thurs fri sat sun "
    # a verb that starts notes' sentences ("See CareVue for data")
    "see".split()) | lexicons.RELATIONS  # "Nephew Tomas phoned": the name follows
_NATIONALITIES = frozenset(
    "american european british canadian indian chinese english french german spanish italian "
    "russian japanese korean australian irish scottish welsh dutch swedish norwegian danish "
    "finnish polish ukrainian turkish greek israeli iranian iraqi egyptian mexican brazilian "
    "argentine argentinian chilean colombian peruvian venezuelan cuban nigerian kenyan "
    "south african pakistani afghan saudi syrian lebanese portuguese austrian swiss belgian "
    "hungarian czech romanian bulgarian serbian croatian thai vietnamese indonesian filipino "
    "malaysian muslim christian jewish hindu buddhist catholic protestant islamic arab arabic "
    "african asian latino latina hispanic".split())
_NOT_IN_NAMES = frozenset(
    # organisation, place and street words: a run holding one of these is not a person's name
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
    "cyprus europe africa asia america antarctica oceania usa uk".split()) | _NATIONALITIES


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    word: str  # lower case, without a final full stop

    @property
    def is_initial(self) -> bool:
        return len(self.word) == 1


@dataclass
class _Candidate:
    tokens: list[_Token]
    score: float
    backed: bool  # some token is a known name that is not an ordinary word
    personal: bool = False  # a full name, or a known given name: not a firm's surname

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


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

    def find(self, text: str) -> Iterator[Span]:
        """Yield a scored span for every plausible name piece of every capitalised run."""
        lists = _lists()
        given, family = lists.given, lists.family
        candidates: list[_Candidate] = []
        for run in _RUN_RE.finditer(text):
            if _is_hopeless_single_word(text, run, given, family):
                continue
            offset, whole = run.start(), run.group()
            if " " not in whole and "\t" not in whole:  # one token: the run is that token
                tokens = [_Token(offset, run.end(), whole.lower().rstrip("."))]
            else:
                tokens = [_Token(offset + m.start(), offset + m.end(),
                                 m.group().lower().rstrip(".")) for m in _TOKEN_RE.finditer(whole)]
            if len(tokens) > 1 and tokens[0].word in _NATIONALITIES:
                tokens = tokens[1:]  # "German Chancellor Olaf Scholz", "American Tom Moody"
            last_title = max((i for i, t in enumerate(tokens[:-1]) if t.word in _TITLES),
                             default=0)
            tokens = tokens[last_title:]  # "Federal Reserve Governor Lawrence Lindsey"
            if tokens and _starts_sentence(text, tokens[0].start) and (
                    tokens[0].word in _IMPERATIVES or (
                        len(tokens) > 2 and lists.is_word(tokens[0].word)
                        and not lists.is_name(tokens[0].word)
                        and tokens[0].word.endswith(("ing", "ed")))):
                # "Call Alice Johnson about ...", "Booing Roger Goodell is": a verb that
                # starts the sentence, then the name
                tokens = tokens[1:]
                if not tokens:
                    continue
            if self._is_not_a_person(text, run, tokens):
                continue
            for piece in _pieces(tokens):
                candidates.append(_evidence(text, piece, lists))
        candidates.extend(_lower_case_names(text, lists))
        candidates.extend(_cued_names(text, lists))
        candidates.extend(_unknown_after_cue(text, lists))
        candidates.extend(_signatures(text, lists))
        candidates.extend(_upper_case_names(text, lists))
        candidates.sort(key=lambda c: c.start)
        _coordinate(text, candidates)
        _firm_lists(text, candidates)
        for candidate in candidates:
            score = min(candidate.score, 0.95)
            if score > 0:
                yield Span(candidate.start, candidate.end, self.entity, score, self.name,
                           Verdict.UNCHECKED, (), score)

    @staticmethod
    def _is_not_a_person(text: str, run: regex.Match[str], tokens: list[_Token]) -> bool:
        if any(t.word in _NOT_IN_NAMES for t in tokens):
            return True
        if _COMPANY_AFTER_RE.match(text, run.end(), run.end() + 60):
            return True
        if _INSTITUTION_AFTER_RE.match(text, run.end(), run.end() + 16):
            return True  # "at Kernan hospital": a place named after someone
        if len(tokens) > 1 and tokens[0].word in _lists().given and \
                _SCORES_AFTER_RE.match(text, run.end(), run.end() + 16):
            return False  # a player's scores: "291 Phillip Price 72 76 74 69"
        if _NUMBER_AFTER_RE.match(text, run.end(), run.end() + 8):
            return True  # "Joaquin Suarez 2906": a street and its house number
        if tokens and tokens[0].word in _BREAKERS:
            return False  # "... 269 Dear Olga": the number is not a house number
        return _NUMBER_BEFORE_RE.search(text, max(0, run.start() - 8), run.start()) is not None


@cache
def _lists() -> _Lists:
    """The word lists, loaded once; clinical words ("Neo", "Foley") are no names here."""
    return _Lists(gazetteers.given_names() - lexicons.CLINICAL_WORDS,
                  gazetteers.surnames() - lexicons.CLINICAL_WORDS, gazetteers.common_words(),
                  gazetteers.frequent_words(), gazetteers.places())


@dataclass(frozen=True, slots=True)
class _Lists:
    """The word lists NAME consults (see `gazetteers`)."""

    given: frozenset[str]
    family: frozenset[str]
    any_word: frozenset[str]  # every English word, rare ones too (web2)
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


def _evidence(text: str, piece: list[_Token], lists: _Lists) -> _Candidate:
    """Score one piece from its tokens and its immediate surroundings."""
    score = _score(piece, lists)
    words = [t.word for t in piece if not t.is_initial]
    backed = any(len(w) > 2 and lists.is_name(w) and not lists.is_word(w) for w in words)
    unknown_but_plausible = bool(words) and not any(lists.is_word(w) for w in words)
    start, end = piece[0].start, piece[-1].end
    # a place that is no given name ("Liverpool"), or one after a place word ("visited Paris")
    place = len(piece) == 1 and bool(words) and words[0] in lists.places and (
        words[0] not in lists.given
        or _CITY_PLACE_BEFORE_RE.search(text, max(0, start - 12), start) is not None)
    if _TITLE_BEFORE_RE.search(text, max(0, start - 16), start):
        score = max(score + 0.4, 0.75)
    elif _may_follow(text, start, _STRONG_CUE_LAST_WORDS) and \
            _STRONG_CUE_BEFORE_RE.search(text, max(0, start - 24), start):
        score = max(score + 0.35, 0.7) if unknown_but_plausible else score + 0.35
    elif not place and _after_imperative(text, start):
        score += 0.35  # "Call Bob now", "please ask Maria": a person is who one calls
    elif len(piece) == 1 and _starts_sentence(text, start) and not backed and \
            not _VOCATIVE_AFTER_RE.match(text, end, end + 12):
        score -= 0.15  # a capitalised first word is weak evidence, unless a clear name
    elif len(piece) == 1 and _PLACE_BEFORE_RE.search(text, max(0, start - 10), start):
        score -= 0.15  # "in Geneva", "from London": a place more often than a person
    elif place:
        score -= 0.15
    elif len(piece) == 1 and words and lists.is_name(words[0]) and \
            _LOWER_WORD_BEFORE_RE.search(text, max(0, start - 20), start) and \
            not _COORDINATION_AROUND_RE.match(text, end, end + 6):
        # "off to Nick for", "having Coulter on", "about Trump using": capitalised mid-sentence;
        # more telling for a name that is also a word, written in lower case otherwise
        score += 0.3 if lists.is_word(words[0]) else 0.15
    if not backed and _THE_BEFORE_RE.search(text, max(0, start - 5), start):
        score -= 0.2  # "the White House", "the Jetta": a thing with a name, not a person
    if len(piece) > 1 and piece[-1].word in _SUFFIX_WORDS and \
            _STREET_CUE_BEFORE_RE.search(text, max(0, start - 60), start):
        score -= 0.5  # "the corner of Dalbraut 99 and Frederikke Coves": a street
    if _POSSESSIVE_AFTER_RE.match(text, end, end + 3):
        score += 0.1
    if (backed or unknown_but_plausible) and \
            _PERSONAL_NOUN_AFTER_RE.match(text, end, end + 16):
        score += 0.25  # "the Castro novel", "a Yefimov concert"
    if place:
        return _Candidate(piece, score, backed, False)
    if len(piece) == 1 and _starts_sentence(text, start) and \
            (backed or (unknown_but_plausible and words[0] not in lists.frequent)) and \
            _is_speaker(text, start, end, strong=backed):
        score = max(score + 0.35, 0.6)  # a speaker: 'Koppány: "Who are you?"', 'Ubul: What a
    if len(piece) == 1 and backed and _SUBJECT_VERB_AFTER_RE.match(text, end, end + 12):
        score += 0.15  # "Niskanen should have", "Crosby went down": a person as the subject
    if (backed or unknown_but_plausible) and _SPEECH_VERB_AFTER_RE.match(text, end, end + 12) \
            and (backed or len(piece) > 1 or _QUOTE_BEFORE_RE.search(text, max(0, start - 4), start)):
        # '" Sharetsky said', "Lebed told reporters"; a lone unknown word only after a
        # quotation ("Interfax said", "Xinhua said" are agencies)
        score = max(score + 0.35, 0.6)
    if _country(_COUNTRY_AFTER_RE.match(text, end, end + 40), lists) and \
            not _CITY_PLACE_BEFORE_RE.search(text, max(0, start - 12), start) and \
            not _THE_BEFORE_RE.search(text, max(0, start - 5), start):
        score = max(score + 0.3, 0.6)  # results and line-ups: "Ato Boldon ( Trinidad )"
    if (backed or unknown_but_plausible) and _AGE_AFTER_RE.match(text, end, end + 10):
        score = max(score + 0.35, 0.6)  # "Wang , 45 , a veteran dissident"
    if (backed or unknown_but_plausible) and _WHO_AFTER_RE.match(text, end, end + 8):
        score += 0.25  # "Hendrix, who died in 1970"
    if backed and _VOCATIVE_AFTER_RE.match(text, end, end + 12):
        score += 0.15
    if (backed or unknown_but_plausible or lists.is_name(words[-1] if words else "")) and \
            _PRONOUN_AFTER_RE.match(text, end, end + 80):
        score = max(score + 0.2, 0.55) if unknown_but_plausible else score + 0.2
    personal = len(words) > 1 or any(w in lists.given and not lists.is_word(w) for w in words)
    return _Candidate(piece, score, backed, personal)


def _lower_case_names(text: str, lists: _Lists) -> Iterator[_Candidate]:
    """Names written in lower case, all starting with a given name that is not a frequent
    word: one right after a cue ("thanks obama"), one that a pronoun or a verb follows
    ("gaby gave herself"), or one followed by a surname ("amy schumer")."""
    words = document_words(text)
    firsts = gazetteers.rare_given_names().intersection(words) - _BREAKERS - lexicons.CLINICAL_WORDS
    if not firsts:
        return
    cues = not _LOWER_CUE_WORDS.isdisjoint(words)
    for match in sorted(_occurrences(text, firsts), key=regex.Match.start):
        word, start, end = match.group(), match.start(), match.end()
        if cues and len(word) > 2 and _LOWER_CUE_BEFORE_RE.search(text, max(0, start - 32), start):
            yield _Candidate([_Token(start, end, word)], 0.65, True, True)
        elif word not in lists.any_word and \
                (_PRONOUN_AFTER_RE.match(text, end, end + 80)
                 or (_SUBJECT_VERB_AFTER_RE.match(text, end, end + 12)
                     and not _CODE_WORD_BEFORE_RE.search(text, max(0, start - 8), start))):
            yield _Candidate([_Token(start, end, word)], 0.55, True, True)
        gap = _SHORT_GAP_RE.match(text, end)
        following = _LOWER_WORD_RE.match(text, gap.end()) if gap else None
        if following is not None:
            last = following.group()
            if last in lists.family and last not in lists.frequent \
                    and not (word in lists.any_word and last in lists.any_word):
                yield _Candidate([_Token(start, end, word),
                                  _Token(following.start(), following.end(), last)], 0.6, True, True)


_CUE_WORDS = lexicons.TITLES_ANY_CASE | lexicons.RELATIONS
_CUE_RE = regex.compile(r"(?<![^\s(\[\"'“‘,;:/])(?P<cue>" + caseless(*sorted(_CUE_WORDS)) +
                        r")(?P<gap>\.?[ \t]+|\.|[ \t]*,[ \t]*)(?=\p{L})")
_CUED_WORD_RE = regex.compile(r"\p{L}[\p{L}'’-]*(?<![-'’])(?![\w@/])|\p{L}\.(?=[ \t]+\p{L})")
_WORD_GAP_RE = regex.compile(r"[ \t]+")
_SET_OFF_AFTER_RE = regex.compile(r"[ \t]*(?:[,;)(]|\r?\n|$)")
#: Given names that are also verbs written right after a title or a relation ("dr will
#: see", "son may visit"): never read as the name there.
_VERBS_NOT_NAMES = frozenset("will may can said says did does mark bill sue rob".split())
_HOUSE_NUMBER_BEFORE_RE = _backward(r"\b[0-9]+[A-Za-z]?(?:[ \t]+[\p{L}'’.-]+){1,4}[ \t]+$")
_CUE_SCORES = {"title": 0.8, "relation": 0.7}  # a title is firmer evidence than "son"


def _cued_names(text: str, lists: _Lists) -> Iterator[_Candidate]:
    """Names in lower case or capitals right after a title or a relation, which the
    capitalised runs miss: "DR RAKUSIN AWARE", "dr. rowe notified", "Dr.Sawtelle", "son
    jonathan arrived", "wife, rose, left". After a title the first word is a known name
    or no English word at all ("dr aware" is not a name); after a relation it is a given
    name, set off by punctuation when it is also a frequent word ("daughter, pat,").
    Further words join when they are initials, rare names or no English word."""
    if _CUE_WORDS.isdisjoint(document_words(text)):
        return
    for cue in _CUE_RE.finditer(text):
        title = cue.group("cue").lower() in lexicons.TITLES_ANY_CASE
        if title and "," in cue.group("gap"):
            continue
        if cue.group("cue").lower() == "dr" and \
                _HOUSE_NUMBER_BEFORE_RE.search(text, max(0, cue.start() - 48), cue.start()):
            continue  # "1775 spectrum dr suite 100": a drive
        tokens: list[_Token] = []
        position = cue.end()
        while len(tokens) < 3:
            match = _CUED_WORD_RE.match(text, position)
            if match is None:
                break
            token = _Token(match.start(), match.end(), match.group().lower().rstrip("."))
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
        yield _Candidate(tokens, _CUE_SCORES["title" if title else "relation"], True, True)


def _joins_cued_name(text: str, token: _Token, before: list[_Token], title: bool,
                     lists: _Lists) -> bool:
    word = token.word
    if word in _BREAKERS or word in _TITLES or word in _CUE_WORDS or word in _VERBS_NOT_NAMES:
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
    if not _parts_in(word, lists.given):
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


def _signatures(text: str, lists: _Lists) -> Iterator[_Candidate]:
    """A signature line: a name and credentials alone on a line ("ANNA K. BREWER, RN",
    "paul dietz, rrt"), the name starting with a given name and ending with a surname
    or a word that is no English word."""
    if lexicons.CREDENTIALS.isdisjoint(document_words(text)):
        return
    for match in _SIGNATURE_RE.finditer(text):
        offset = match.start("name")
        tokens = [_Token(offset + m.start(), offset + m.end(), m.group().lower().rstrip("."))
                  for m in _CUED_WORD_RE.finditer(match.group("name"))]
        if len(tokens) < 2 or not _parts_in(tokens[0].word, lists.given) or \
                tokens[0].word in _BREAKERS:
            continue
        last = tokens[-1].word
        if last in _BREAKERS or not (_parts_in(last, lists.family) or not lists.is_word(last)):
            continue
        yield _Candidate(tokens, 0.75, True, True)


_LOWER_CUE_THEN_WORD_RE = regex.compile(
    r"(?<![\w'’])(?i:my\s+name\s+is|name\s+is|call\s+me|thanks|thank\s+you|thx|dear|"
    r"congrats|congratulations|rip|r\.i\.p|happy\s+birthday)[ \t]*,?[ \t]+"
    r"(?P<word>[a-z][a-z'’-]{2,20})(?![\w@#'’-])")


_NAMING_CUE_HEADS = ("my name is", "name is", "call me", "thanks", "thank you", "thx", "dear",
                     "congrats", "congratulations", "rip", "r.i.p", "happy birthday")


def _positions(lowered: str, needle: str) -> Iterator[int]:
    at = lowered.find(needle)
    while at >= 0:
        yield at
        at = lowered.find(needle, at + 1)


def _unknown_after_cue(text: str, lists: _Lists) -> Iterator[_Candidate]:
    """A word in lower case that is no English word, right after a cue that names
    someone: "thanks obama", "my name is krithika" (not after a greeting: "hey gweh" is
    as often slang). Known given names there are `_lower_case_names`' work."""
    words = document_words(text)
    heads = [head for head in _NAMING_CUE_HEADS if head.split(".")[0].split()[0] in words]
    if not heads:
        return
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
        yield _Candidate([_Token(start, end, word)], 0.6, True, True)


def _upper_case_names(text: str, lists: _Lists) -> Iterator[_Candidate]:
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
            yield _Candidate([_Token(match.start(), match.end(), word)], 0.5, True, True)


def _beside_digits(text: str, word: regex.Match[str]) -> bool:
    """A word that is part of an identifier ("NINO AH 00 00 00 A"), not of a sentence."""
    return _DIGIT_AFTER_RE.match(text, word.end()) is not None or \
        _DIGIT_BEFORE_RE.search(text, max(0, word.start() - 3), word.start()) is not None


_DIGIT_AFTER_RE = regex.compile(r"[ \t-]*[0-9]")
_DIGIT_BEFORE_RE = _backward(r"[0-9][ \t-]*$")


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
_FIRM_BEFORE_RE = _backward(r"(?:\b(?:at|from|The|the|with|for)[ \t]+)$")


def _firm_lists(text: str, candidates: list[_Candidate]) -> None:
    """Three or more bare words in a list, named as a firm ("Jones, Mitchell and Williams
    as the assistant", "The Clark, Romero and Hall Orchestra"), are not people."""
    chain: list[_Candidate] = []
    ends: list[_Candidate | None] = [*candidates, None]
    for candidate in ends:
        if candidate is not None and chain and len(candidate.tokens) == 1 \
                and _COORDINATION_RE.fullmatch(text, chain[-1].end, candidate.start):
            chain.append(candidate)
            continue
        if len(chain) >= 3 and all(len(c.tokens) == 1 for c in chain):
            first, last = chain[0], chain[-1]
            if _FIRM_AFTER_RE.match(text, last.end, last.end + 40) or \
                    _FIRM_BEFORE_RE.search(text, max(0, first.start - 6), first.start):
                for member in chain:
                    member.score -= 0.3
        chain = [candidate] if candidate is not None and len(candidate.tokens) == 1 else []


def _coordinate(text: str, candidates: list[_Candidate]) -> None:
    """Names listed together ("Anna, Mary and Jodi") lend each other evidence.

    A list of bare surnames ("Owens, Duran and Oneal") is the classic firm name, so a
    list only counts when one of the pair is a full name or a known given name, or when
    the two stand alone as a pair ("Usamov and Bowers").
    """
    for index, (left, right) in enumerate(itertools.pairwise(candidates)):
        if not (left.backed and right.backed):
            continue
        pair = (_PAIR_RE.fullmatch(text, left.end, right.start) is not None
                and not (index and _COORDINATION_RE.fullmatch(text, candidates[index - 1].end,
                                                              left.start)))
        if not (left.personal or right.personal or pair):
            continue
        if _COORDINATION_RE.fullmatch(text, left.end, right.start):
            left.score += 0.2
            right.score += 0.2


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
    if lower in _BREAKERS or lower in _TITLES:
        return True
    if lower in given or lower in family or "-" in lower:
        return False
    if _may_follow(text, run.start(), _STRONG_CUE_LAST_WORDS) and \
            _STRONG_CUE_BEFORE_RE.search(text, max(0, run.start() - 24), run.start()):
        return False
    if _PRONOUN_AFTER_RE.match(text, run.end(), run.end() + 80):
        return False
    if _SPEAKER_AFTER_RE.match(text, run.end(), run.end() + 4):
        return False
    if (_SPEECH_VERB_AFTER_RE.match(text, run.end(), run.end() + 12) and
            _QUOTE_BEFORE_RE.search(text, max(0, run.start() - 4), run.start())) or \
            _AGE_AFTER_RE.match(text, run.end(), run.end() + 10):
        return False
    return _TITLE_BEFORE_RE.search(text, max(0, run.start() - 16), run.start()) is None


def _pieces(tokens: list[_Token]) -> Iterator[list[_Token]]:
    """Split a run at breaker words and titles; trim particles and dangling initials."""
    if len(tokens) == 1:  # the common case, decided without the loop below
        word = tokens[0].word
        if len(word) > 1 and word not in _BREAKERS and word not in _TITLES and \
                word not in _PARTICLES:
            yield tokens
        return
    piece: list[_Token] = []
    for token in [*tokens, _Token(-1, -1, "the")]:
        if not token.is_initial and (token.word in _BREAKERS or token.word in _TITLES):
            while piece and (piece[-1].word in _PARTICLES or
                             (piece[-1].is_initial and len(piece) > 1)):
                piece.pop()
            while piece and piece[0].word in _PARTICLES:
                piece.pop(0)
            if 1 <= len(piece) <= 4 and not all(t.is_initial for t in piece):
                yield piece
            piece = []
        else:
            piece.append(token)


def _parts_in(word: str, names: frozenset[str]) -> bool:
    """`word` is in `names`, or each part of a hyphenated `word` is ("Mary-Kate")."""
    if word in names:
        return True
    parts = word.replace("’", "'").split("-")
    return len(parts) > 1 and all(p in names for p in parts)


def _weight(word: str, as_first: bool, lists: _Lists) -> float:
    """What one word of a full name says: a given name first and a surname last weigh most."""
    is_given, is_family = _parts_in(word, lists.given), _parts_in(word, lists.family)
    is_word = lists.is_word(word)
    primary, secondary = (is_given, is_family) if as_first else (is_family, is_given)
    if primary:
        return (0.25 if as_first else 0.2) if is_word else (0.45 if as_first else 0.35)
    if secondary:
        return 0.1 if is_word else 0.25
    bonus = 0.05 if not word.isascii() else 0.0  # "Sörös": a foreign proper noun
    return -0.2 if is_word else 0.15 + bonus


def _score(piece: list[_Token], lists: _Lists) -> float:
    """Evidence from the tokens alone (see the class docstring)."""
    if len(piece) == 1:
        word = piece[0].word
        if len(word) == 1 or word in _PARTICLES:
            return 0.0
        if len(word) <= 2:
            return 0.1  # "Mi", "Li", "Jo": too short to tell alone
        if _parts_in(word, lists.given):
            return 0.2 if lists.is_word(word) else 0.5
        if _parts_in(word, lists.family):
            return 0.1 if lists.is_word(word) else 0.35
        return 0.05
    words = [t.word for t in piece if not t.is_initial and t.word not in _PARTICLES]
    if not words:
        return 0.0
    first_is_initial = piece[0].is_initial
    score = 0.1 + (0.25 if first_is_initial else _weight(words[0], True, lists))
    if len(words) > 1 or first_is_initial:
        score += _weight(words[-1], False, lists)
    for word in words[1:-1]:
        if lists.is_word(word) and not lists.is_name(word):
            score -= 0.15
    if len(piece) >= 3 and any(t.is_initial for t in piece[1:-1]):
        score += 0.3  # "Faina D. Yefremova": a middle initial is a person's
    return score


def _is_speaker(text: str, start: int, end: int, strong: bool) -> bool:
    """A name labelling what someone says: 'Koppány: "Who are you?"', and, for a known
    name or at the start of a line, 'Nicole: Remember that'."""
    if not text.startswith(":", end):  # both patterns start with the colon
        return False
    if _QUOTE_AFTER_RE.match(text, end, end + 4):
        return True
    at_line_start = start == 0 or text[start - 1] == "\n"
    return (strong or at_line_start) and \
        _SPEAKER_AFTER_RE.match(text, end, end + 4) is not None


def _after_imperative(text: str, start: int) -> bool:
    """Right after a verb addressed to someone ("Call", "please ask") that starts a
    sentence or follows "please"."""
    if not _may_follow(text, start, _IMPERATIVES):
        return False
    verb = _IMPERATIVE_BEFORE_RE.search(text, max(0, start - 24), start)
    if verb is None:
        return False
    return _starts_sentence(text, verb.start()) or \
        _PLEASE_BEFORE_RE.search(text, max(0, verb.start() - 8), verb.start()) is not None


_GAP_CHARS = frozenset("?:,>")


def _may_follow(text: str, start: int, last_words: frozenset[str]) -> bool:
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


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n\r"


NAME = NameRecognizer()
