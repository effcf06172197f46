"""E-mail addresses, phone numbers and web addresses.

EMAIL: an RFC 5322 style local part, ``@`` and a domain with a letter TLD.

>>> found(EMAIL, "email your feedback for AnyCafe at anycafe@mail.com.")
['anycafe@mail.com']
>>> found(EMAIL, "follow @anycafe on social media")
[]

URL: ``http(s)://`` and ``www.`` addresses, and bare domains on common TLDs.

>>> found(URL, "see https://example.com/a?b=1, or www.example.org.")
['https://example.com/a?b=1', 'www.example.org']
>>> found(URL, "run setup.py and read notes.txt")
[]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers
import regex

from piiscan.context import Context
from piiscan.entities import Span, Verdict
from piiscan.recognizers.base import Pattern, PatternRecognizer, caseless, fast_compile, found
from piiscan.view import TextView

__all__ = ["EMAIL", "PHONE", "URL", "PhoneRecognizer", "found"]

EMAIL = PatternRecognizer(
    name="email",
    entity="EMAIL",
    patterns=(
        Pattern("address", regex.compile(
            r"(?<![\w.%+-])[\w%+-](?:[\w.%+-]{0,62}[\w%+-])?@"
            r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.){1,8}(?!(?:png|jpe?g|gif|svg|webp|pdf|txt|csv|json|"
            r"html?|css|js|ts|md|zip|gz|tar|log|xml|ya?ml|docx?|xlsx?)\b)[^\W\d_]{2,24}"
            r"(?![\w-]|\.[^\W_])"),
            score=0.95, needs=("@",)),
    ),
)

_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|io|co|ai|app|dev|me|us|uk|ca|au|de|fr|es|it|nl|be|"
    "ch|at|se|no|dk|fi|ie|pt|pl|cz|ru|ua|in|jp|cn|kr|br|mx|ar|cl|za|nz|sg|hk|tw|eu|online|"
    "site|shop|store|tech|xyz|ly|tv|gg|cloud"
)
_TLD_WORDS = tuple(_TLDS.split("|"))
_URL_TAIL = r"(?:[/?#](?:[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}])?)?"

URL = PatternRecognizer(
    name="url",
    entity="URL",
    patterns=(
        Pattern("scheme", regex.compile(
            r"(?i)(?<![\w.+-])(?:https?|ftps?|sftp)://[^\s<>\"'`/?#]*[^\s<>\"'`/?#.,;:!)]" + _URL_TAIL
            + r"|(?i)(?<![\w.+-])(?:https?|ftps?|sftp)://[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}]"),
            score=0.9, needs=("://",)),
        Pattern("www", regex.compile(
            r"(?i)(?<![\w.@/-])www\.(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,24}(?![\w-])"
            + _URL_TAIL), score=0.9, needs=("www.", "WWW.", "Www.")),
        Pattern("bare domain", fast_compile(
            r"(?<![\w.@/:-])(?:[A-Za-z0-9][A-Za-z0-9-]*+\.){1,4}"
            rf"(?:{_TLDS})(?![\w-]|\.[A-Za-z0-9]|@)" + _URL_TAIL), score=0.6,
            requires=frozenset(_TLD_WORDS), needs=tuple("." + tld for tld in _TLD_WORDS)),
    ),
    context=Context(words=("website", "url", "link", "visit", "site", "web", "homepage", "página"),
                    boost=0.3),
)

_LABELS = caseless("mobile", "office", "fax", "cell", "home", "work", "tel", "phone", "desk") + r"\b"
# A label right after a number on its line: "416 60 039 office", "082 490 1693-Office".
_LABEL_AFTER_RE = regex.compile(r"[ \t]*[-(]?[ \t]*" + _LABELS + r"(?![ \t]*[:#])")  # not "Phone: next"
# A run of digits and phone punctuation, with an optional extension, on one line.
_PHONE_CANDIDATE_RE = regex.compile(
    r"(?=[+(0-9])(?:(?<![\w@/.:+-])|(?<=(?<![\w-])" + _LABELS + r"-))(?:\+|00)?\(?[0-9][0-9() .\-/\t]{5,22}[0-9]"
    r"(?:[ \t]*(?:" + caseless("ext", "extension", "x") + r"\.?|#)[ \t]*[0-9]{1,6})?"
    r"(?![\w@]|[.:/][0-9A-Za-z]|-(?!" + _LABELS + r")[0-9A-Za-z])"
)
_MIN_PHONE_DIGITS = 7
#: A run that is a date written with slashes ("08/04/2015"): phonenumbers' matcher refuses
#: every candidate holding one, in every region, so such a run is not parsed as a number
#: in each of them first (tests/recognizers/test_contact.py checks the matcher's side).
_SLASH_DATE_RE = regex.compile(
    r"(?:[0-3]?[0-9]/[01]?[0-9]|[01]?[0-9]/[0-3]?[0-9])/(?:[12][0-9])?[0-9]{2}")
_DIGIT_RUN_RE = regex.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class PhoneRecognizer:
    """Phone, fax and pager numbers, found by phonenumbers' matcher.

    A cheap pattern picks runs of digits and phone punctuation; phonenumbers'
    `PhoneNumberMatcher` (leniency VALID) then decides. International numbers (``+CC``
    or ``00CC``) need no region; national numbers are tried as `home_region` (NANP by
    default: ten digits, or eleven after a 1), and as the other `regions` only when they
    start with a trunk ``0``, as national numbers do in most of the world.

    A number written with separators scores `score`; a bare run of digits, which could
    be any identifier, scores `bare_score`. A run that is phone-shaped (7-15 digits in
    phone groups) but valid in no region's metadata scores `shape_score`, which only a
    phone word nearby lifts over the threshold ("Phone: 451 5986"). The matcher itself
    refuses dates, times and GUID fragments.

    >>> found(PhoneRecognizer(), "Call Alice at (206) 555-0100 or +44 20 7946 0958.")
    ['(206) 555-0100', '+44 20 7946 0958']
    >>> found(PhoneRecognizer(), "logged at 2024-07-31 10:15:00, build 550e8400-e29b")
    []
    """

    name: str = "phone"
    entity: str = "PHONE"
    home_region: str = "US"
    regions: tuple[str, ...] = ("GB", "IN", "AU", "DE", "FR", "ES", "IT", "NL", "BR", "MX")
    score: float = 0.7
    bare_score: float = 0.5
    shape_score: float = 0.25
    labelled_shape_score: float = 0.4  # the same, with a phone label right after it
    context: Context = Context(
        words=("phone", "tel", "telephone", "mobile", "cell", "fax", "call", "contact", "pager",
               "beeper", "pgr", "whatsapp", "sms", "text", "dial", "ph", "mob", "reach", "office",
               "home", "work", "teléfono", "móvil", "llame", "local number", "phone number",
               "cell number", "contact number", "direct number", "my number"),
        boost=0.3,
        negative=("account", "acct", "passport", "itin", "ssn", "sin", "nhs", "health", "ohip",
                  "license", "licence", "routing", "aba", "card", "aadhaar", "utr", "iban",
                  "voter", "taxpayer", "insurance", "driver"),
    )

    @property
    def ceiling(self) -> float:
        return max(self.score, self.bare_score, self.shape_score, self.labelled_shape_score)

    def find(self, view: TextView, floor: float = 0.0) -> Iterator[Span]:
        """Yield one span per number the matcher accepts inside a candidate run."""
        text = view.text
        for candidate in _PHONE_CANDIDATE_RE.finditer(text):
            chunk = candidate.group()
            if sum(ch.isdigit() for ch in chunk) < _MIN_PHONE_DIGITS:
                continue
            if "/" in chunk and _SLASH_DATE_RE.fullmatch(chunk):
                continue  # no region's matcher finds a number in it, and it has no phone shape
            found = list(self._match_chunk(chunk, candidate.start()))
            if found:
                yield from found
            elif _PHONE_SHAPE_RE.fullmatch(chunk):
                labelled = _LABEL_AFTER_RE.match(text, candidate.end()) is not None
                score = self.labelled_shape_score if labelled else self.shape_score
                yield Span(candidate.start(), candidate.end(), self.entity, score,
                           self.name, Verdict.INVALID, (), score)

    def _regions(self, chunk: str) -> tuple[str, ...]:
        """Where a run could be a valid number, judged by its digits alone (cheap)."""
        start = chunk.lstrip("(")
        core = _EXTENSION_RE.split(chunk, 1)[0]
        digits = sum(ch.isdigit() for ch in core)
        if start.startswith(("+", "00")):
            return (self.home_region,) if 8 <= digits <= 17 else ()
        if start.startswith("0"):
            return self.regions if 8 <= digits <= 13 else ()
        if digits > 15 and "/" in core:
            return (self.home_region,)  # maybe two numbers: let the matcher split them
        groups = tuple(len(g) for g in _DIGIT_RUN_RE.findall(core))
        return (self.home_region,) if groups in _NANP_GROUPINGS else ()

    def _match_chunk(self, chunk: str, offset: int) -> Iterator[Span]:
        for region in self._regions(chunk):
            if not _is_valid_somewhere_inside(chunk, region):
                continue
            matches = list(phonenumbers.PhoneNumberMatcher(
                chunk, region, leniency=phonenumbers.Leniency.VALID, max_tries=8))
            for match in matches:
                score = self.bare_score if match.raw_string.isdigit() else self.score
                yield Span(offset + match.start, offset + match.end, self.entity, score,
                           self.name, Verdict.VALID, (), score)
            if matches:
                return


# Phone-shaped: optional +CC or 00CC, optional (area), then 2-5 groups of 2-5 digits
# joined by one space, dot or hyphen, optional extension; 7-15 digits before it.
_PHONE_SHAPE_RE = regex.compile(
    r"(?:(?:\+|00)[0-9]{1,3}[ .-]?)?(?:\((?:0|[0-9]{1,4})\)[ .-]?)?"
    r"[0-9]{2,5}(?:[ .-][0-9]{2,6}){1,4}"
    r"(?:[ \t]*(?:[Ee][Xx][Tt]\.?|[Xx]|#)[ \t]*[0-9]{1,6})?"
    r"|(?:\+|00)?[0-9]{7,14}")
# How people group a North American number: 2065550100, 206-555-0100, 1 206 555 0100,
# (206) 555-0100, 206 5550100.
_NANP_GROUPINGS = frozenset({(10,), (11,), (3, 3, 4), (1, 3, 3, 4), (3, 7), (1, 3, 7), (1, 10)})
_EXTENSION_RE = regex.compile(r"[ \t]*(?:" + caseless("ext", "extension", "x") + r"\.?|#)")


def _is_valid_somewhere_inside(chunk: str, region: str) -> bool:
    """A cheap first test before the matcher: does the run parse as a valid number?

    Runs joining two numbers ("555-0100 / 555-0199") fail here as a whole, so those
    with room for two numbers go to the matcher anyway.
    """
    if sum(ch.isdigit() for ch in chunk) > 15:
        return True
    try:
        number = phonenumbers.parse(chunk, region)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(number))


PHONE = PhoneRecognizer()
