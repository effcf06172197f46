"""Payment cards, bank accounts and routing numbers, IBAN and SWIFT/BIC.

CREDIT_DEBIT_NUMBER: 13-19 digits, grouped or not; Luhn decides the confidence. A bare
number that fails Luhn is dropped, but after card words it is still reported (spec §2.4),
and masked forms (``1111-XXXX-1111-XXXX``) count when a card word is near.

>>> found(CREDIT_DEBIT_NUMBER, "Visa 4111 1111 1111 1111 exp 01/27")
['4111 1111 1111 1111']
>>> found(CREDIT_DEBIT_NUMBER, "order 4111 1111 1111 1112 shipped")
[]

CREDIT_DEBIT_CVV: three or four digits right after a CVV/CVC/security-code cue.

>>> found(CREDIT_DEBIT_CVV, "CVV: 123")
['123']
>>> found(CREDIT_DEBIT_CVV, "room 123")
[]

CREDIT_DEBIT_EXPIRY: MM/YY, MM/YYYY or a month and year next to an expiry cue.

>>> found(CREDIT_DEBIT_EXPIRY, "card expires 09/27")
['09/27']
>>> found(CREDIT_DEBIT_EXPIRY, "ratio 09/27")
[]

PIN: four digits after the word PIN (whole word, never inside "spinning").

>>> found(PIN, "my PIN is 4921")
['4921']
>>> found(PIN, "spinning 4921 times")
[]

BANK_ACCOUNT_NUMBER: 8-17 digits, or a masked ``XXXXXX1111``, beside account words.

>>> found(BANK_ACCOUNT_NUMBER, "checking account number 0123456789")
['0123456789']
>>> found(BANK_ACCOUNT_NUMBER, "population 0123456789")
[]

BANK_ROUTING: nine digits passing the ABA checksum, beside routing words.

>>> found(BANK_ROUTING, "routing number 111000025")
['111000025']
>>> found(BANK_ROUTING, "routing number 111000026 is not valid")
['111000026']
>>> found(BANK_ROUTING, "there were 111000025 visitors")
[]

INTERNATIONAL_BANK_ACCOUNT_NUMBER: country code, check digits and the national part,
validated with ISO 13616 mod-97 and the country's length.

>>> found(INTERNATIONAL_BANK_ACCOUNT_NUMBER, "IBAN GB82 WEST 1234 5698 7654 32.")
['GB82 WEST 1234 5698 7654 32']
>>> found(INTERNATIONAL_BANK_ACCOUNT_NUMBER, "code GB83 WEST 1234 5698 7654 32")
[]

SWIFT_CODE: 8 or 11 characters with a real ISO country in place 5-6.

>>> found(SWIFT_CODE, "SWIFT: DEUTDEFF500")
['DEUTDEFF500']
>>> found(SWIFT_CODE, "the DOCUMENT said")
[]
"""

from __future__ import annotations

from functools import lru_cache

import regex
from stdnum import bic, ean, iban, luhn
from stdnum.us import rtn

from piiscan.context import Context
from piiscan.recognizers import lexicons
from piiscan.recognizers.base import Pattern, PatternRecognizer, caseless, fast_compile, found

__all__ = [
    "BANK_ACCOUNT_NUMBER", "BANK_ROUTING", "CREDIT_DEBIT_CVV", "CREDIT_DEBIT_EXPIRY",
    "CREDIT_DEBIT_NUMBER", "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "PIN", "SWIFT_CODE", "found",
]

# Digit boundaries: not inside a longer number, word, decimal or hyphenated code.
L = r"(?<![\w@.,/+-])"
LD = r"(?=[0-9])" + L  # digit-led: the lookahead lets the engine skip fast
R = r"(?![\w@]|[.,/:+-][0-9A-Za-z])"
_MASK = r"[Xx*•#]"

_CARD_WORDS = (
    "card", "credit", "debit", "visa", "mastercard", "master card", "amex",
    "american express", "discover", "maestro", "jcb", "diners", "unionpay", "cc",
    "card number", "card no", "pan", "tarjeta", "crédito", "débito",
)


_NOT_DIGIT_RE = regex.compile(r"[^0-9]")


def is_card_number(value: str) -> bool:
    """Luhn passes, the first digit is one card networks issue (2-6), and thirteen bare
    digits are not a valid EAN-13 barcode (those are product codes far more often)."""
    digits = _NOT_DIGIT_RE.sub("", value)
    if len(digits) == 13 and digits == value and ean.is_valid(digits):
        return False
    return 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn.is_valid(digits)


CREDIT_DEBIT_NUMBER = PatternRecognizer(
    name="credit_debit_number",
    entity="CREDIT_DEBIT_NUMBER",
    validate=is_card_number,
    patterns=(
        Pattern("4-4-4-4(-3)", regex.compile(
            LD + r"[0-9]{4}(?P<s>[ -])[0-9]{4}(?P=s)[0-9]{4}(?P=s)[0-9]{1,4}(?:(?P=s)[0-9]{3})?" + R),
            score=0.3, valid_score=0.9, invalid_score=0.25, run_lengths=(frozenset({4}),)),
        Pattern("amex 4-6-5", regex.compile(LD + r"3[47][0-9]{2}(?P<s>[ -])[0-9]{6}(?P=s)[0-9]{5}" + R),
                score=0.3, valid_score=0.9, invalid_score=0.25),
        Pattern("13-19 digits", regex.compile(LD + r"[0-9]{13,19}" + R),
                score=0.3, valid_score=0.8, invalid_score=0.2),
        Pattern("masked groups", fast_compile(
            r"(?=[0-9Xx*•#])" + L + r"(?=[0-9Xx*•#]{4}[ -])(?=(?:[^0-9\s]*[0-9]){4})(?=[0-9 -]*[Xx*•#])"
            rf"(?:[0-9]{{4}}|{_MASK}{{4}})(?P<s>[ -])(?:[0-9]{{4}}|{_MASK}{{4}})(?P=s)"
            rf"(?:[0-9]{{4}}|{_MASK}{{4}})(?P=s)(?:[0-9]{{4}}|{_MASK}{{4}})" + R),
            score=0.3, validated=False),
        Pattern("masked run", regex.compile(r"(?=[Xx*•#])" + L + _MASK + r"{8,15}[0-9]{4}" + R),
                score=0.3, validated=False),
        Pattern("card ending in", regex.compile(
            r"\b" + caseless("card", "visa", "mastercard", "amex") + r"\W{1,3}(?:"
            + caseless("number") + r"\W{1,3})?" + caseless("ending", "ends") + r"\s+"
            + caseless("in", "with") + r"\s+(?P<v>[0-9]{4})" + R), score=0.85, group="v",
            validated=False, requires=frozenset({"ending", "ends"})),
    ),
    context=Context(words=_CARD_WORDS),
)

CREDIT_DEBIT_CVV = PatternRecognizer(
    name="credit_debit_cvv",
    entity="CREDIT_DEBIT_CVV",
    patterns=(
        Pattern("cue then digits", regex.compile(
            r"\b" + caseless("cvv", "cvv2", "cvc", "cvc2", "cvn", "cid", "csc",
                             "card\\s+security\\s+code", "security\\s+code",
                             "card\\s+verification\\s+value", "card\\s+verification\\s+code",
                             "card\\s+verification\\s+number")
            + r"\b(?:\s*" + caseless("code", "number", "no", "#") + r"\.?)?\s*(?:is|was|:|=|(?<=\s)-)?\s*"
            r"(?P<v>[0-9]{3,4})" + R),
            score=0.9, group="v", requires=frozenset(
                {"cvv", "cvv2", "cvc", "cvc2", "cvn", "cid", "csc", "security", "verification"})),
    ),
)

_MONTH = caseless(*lexicons.MONTHS)

CREDIT_DEBIT_EXPIRY = PatternRecognizer(
    name="credit_debit_expiry",
    entity="CREDIT_DEBIT_EXPIRY",
    patterns=(
        Pattern("MM/YY", fast_compile(
            r"(?<![\w/.:-])(?:0?[1-9]|1[0-2])\s?[/-]\s?(?:20[0-9]{2}|[0-9]{2})(?![\w/]|[.:-][0-9])"),
            score=0.2, digit_led=True),
        Pattern("month year", regex.compile(
            r"(?<!\w)" + _MONTH + r"\.?\s*[/-]?\s*(?:20[0-9]{2}|'[0-9]{2})(?!\w)"), score=0.15),
    ),
    context=Context(
        words=("exp", "expiry", "expires", "expiring", "expiration", "expiration date", "exp date",
               "valid thru", "valid through", "good thru", "valid until", "vence", "vencimiento",
               "caducidad", "mm yy"),
        boost=0.6,
    ),
)

PIN = PatternRecognizer(
    name="pin",
    entity="PIN",
    patterns=(Pattern("four digits", regex.compile(LD + r"[0-9]{4}" + R), score=0.1),),
    context=Context(
        words=("pin", "pin code", "pin number", "personal identification number", "atm pin",
               "card pin", "nip", "clave"),
        boost=0.7,
        words_before=3,
    ),
)

BANK_ACCOUNT_NUMBER = PatternRecognizer(
    name="bank_account_number",
    entity="BANK_ACCOUNT_NUMBER",
    patterns=(
        Pattern("8-17 digits", regex.compile(LD + r"[0-9]{8,17}" + R), score=0.2),
        Pattern("grouped digits", regex.compile(
            LD + r"[0-9]{2,6}(?P<s>[ -])[0-9]{2,8}(?:(?P=s)[0-9]{2,8})?" + R), score=0.1),
        Pattern("masked", regex.compile(r"(?=[Xx*•#])" + L + _MASK + r"{3,13}[0-9]{4}" + R), score=0.15,
                run_lengths=(frozenset({4}),)),
        Pattern("account ending in", regex.compile(
            r"\b" + caseless("account", "acct", "a/c") + r"\W{1,3}(?:" + caseless("number", "no")
            + r"\.?\W{1,3})?" + caseless("ending", "ends") + r"\s+" + caseless("in", "with")
            + r"\s+(?P<v>[0-9]{4})" + R), score=0.85, group="v",
            requires=frozenset({"ending", "ends"})),
    ),
    context=Context(
        words=("account", "account number", "account no", "acct", "acct no", "a c", "bank account",
               "checking", "checking account", "savings", "savings account", "deposit account",
               "beneficiary account", "cuenta", "número de cuenta"),
        boost=0.45,
    ),
)


def is_routing_number(value: str) -> bool:
    """ABA checksum on nine digits (python-stdnum's us.rtn)."""
    return bool(rtn.is_valid(value))


BANK_ROUTING = PatternRecognizer(
    name="bank_routing",
    entity="BANK_ROUTING",
    validate=is_routing_number,
    patterns=(
        Pattern("nine digits", regex.compile(LD + r"[0-9]{9}" + R), score=0.3, valid_score=0.3,
                invalid_score=0.15),
        Pattern("masked", regex.compile(r"(?=[Xx*•#])" + L + _MASK + r"{3,5}[0-9]{4}" + R), score=0.15,
                validated=False, run_lengths=(frozenset({4}),)),
    ),
    context=Context(
        words=("routing", "routing number", "routing no", "aba", "aba number", "rtn",
               "transit number", "routing transit number", "bank routing", "wire routing",
               "número de ruta"),
        boost=0.55,
    ),
)


#: Each IBAN country's length, from python-stdnum's registry (its BBAN structure + 4).
_IBAN_LENGTHS: dict[str, int] = {
    low: 4 + sum(int(n) for n in regex.findall(r"([0-9]+)!", props.get("bban", "")))
    for _, low, high, props, _ in iban._ibandb.prefixes if low == high}


@lru_cache(maxsize=4096)
def is_iban(value: str) -> bool:
    """ISO 13616 mod-97 and the country's length (python-stdnum's iban). A value of the
    wrong length for its country fails before stdnum is asked (most candidates do); a
    value is checked once, though three patterns find a well-written IBAN.

    >>> is_iban("GB82 WEST 1234 5698 7654 32"), is_iban("at 10 am on Friday")
    (True, False)
    """
    compact = value.replace(" ", "").replace("-", "").replace(".", "")
    if _IBAN_LENGTHS.get(compact[:2].upper()) != len(compact):
        return False
    return bool(iban.is_valid(value))


# words of a text that may hold an IBAN written in an unusual grouping (the usual
# groupings are scanned in every text)
_IBAN_CUES = frozenset(
    "iban ibans account accounts bank banking transfer wire payment pay konto kontonummer "
    "rekening rekeningnummer cuenta conta compte conto tilinumero kontonr".split())

INTERNATIONAL_BANK_ACCOUNT_NUMBER = PatternRecognizer(
    name="iban",
    entity="INTERNATIONAL_BANK_ACCOUNT_NUMBER",
    validate=is_iban,
    patterns=(
        Pattern("grouped by four", regex.compile(
            r"(?=[A-Z])(?<![\w-])[A-Z]{2}[0-9]{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?(?![\w-])"),
            score=0.2, valid_score=0.95, invalid_score=0.2, trim=regex.compile(r" [A-Z0-9]{1,4}$")),
        Pattern("compact", regex.compile(r"(?=[A-Z])(?<![\w-])[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}(?![\w-])"),
                score=0.2, valid_score=0.95, invalid_score=0.2),
        # any other grouping that passes mod-97: "NO 93 8601 1117947", dashes, dots, lower
        # case; only a valid value counts
        # (groups are whole runs, possessive, with one separator between them: a pattern
        # that could split a run into groups in many ways would backtrack exponentially)
        Pattern("any grouping", fast_compile(
            r"(?<![\w.-])[A-Za-z]{2}[ .-]?[0-9]{2}[ .-]?[A-Za-z0-9]++(?:[ .-][A-Za-z0-9]++){0,9}"
            r"(?![\w-])"),
            score=0.0, valid_score=0.95, invalid_score=0.0,
            trim=regex.compile(r"[ .-][A-Za-z0-9]+$"), requires=_IBAN_CUES),
    ),
    context=Context(words=("iban", "international bank account number", "bank account", "account"),
                    boost=0.35),
)


def is_bic(value: str) -> bool:
    """BIC structure with a real ISO 3166 country (python-stdnum's bic)."""
    return bool(bic.is_valid(value))


SWIFT_CODE = PatternRecognizer(
    name="swift_code",
    entity="SWIFT_CODE",
    validate=is_bic,
    patterns=(
        Pattern("with digits", regex.compile(
            r"(?=[A-Z])(?<![\w-])(?=[A-Z0-9]{8}(?:[A-Z0-9]{3})?(?![\w-]))[A-Z]{6}(?=[A-Z0-9]*[0-9])"
            r"[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![\w-])"), score=0.2, valid_score=0.6),
        Pattern("letters only", regex.compile(r"(?=[A-Z])(?<![\w-])[A-Z]{6}[A-Z]{2}(?:[A-Z]{3})?(?![\w-])"),
                score=0.1, valid_score=0.2),
    ),
    context=Context(words=("swift", "bic", "swift code", "bic code", "swift bic", "sort code",
                           "bank identifier code"), boost=0.6),
)
