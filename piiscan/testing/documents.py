"""Documents with planted PII and the exact span of every planted value.

A document is a sequence of sentences: carrier sentences that hold one value each
(with the cue words a reader, or Comprehend, would need), filler sentences with no PII,
and optionally hard negatives (look-alikes that are not PII: order numbers failing Luhn,
GUIDs, versions, prices, quantities, ISBNs). Spans are recorded while the text is built,
so they are exact by construction, in code points.

>>> import random
>>> from piiscan.testing.values import RandomChooser
>>> doc = build_document(RandomChooser(random.Random(1)), ["SSN"], entity_count=1)
>>> [(e.type, doc.text[e.begin:e.end] == e.value) for e in doc.entities]
[('SSN', True)]
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from stdnum import luhn

from piiscan.testing.values import DIGITS, Chooser, value

#: Carrier sentences per type; `{}` is where the value goes.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "BANK_ACCOUNT_NUMBER": ("Please wire it to account number {}.", "My checking account is {}.",
                            "Savings account no. {} was credited."),
    "BANK_ROUTING": ("The routing number is {}.", "ABA routing {} for the transfer.",
                     "Use routing number {} for direct deposit."),
    "CREDIT_DEBIT_NUMBER": ("My credit card number is {}.", "Charge the Visa card {} please.",
                            "Card: {}"),
    "CREDIT_DEBIT_CVV": ("The CVV is {}.", "CVV: {}", "Security code {} on the back."),
    "CREDIT_DEBIT_EXPIRY": ("The card expires {}.", "Expiration date: {}", "exp {}"),
    "PIN": ("My PIN is {}.", "PIN: {}", "Enter PIN {} at the ATM."),
    "EMAIL": ("Email me at {}.", "Contact: {}", "Send the report to {} today."),
    "ADDRESS": ("Ship it to {}.", "My address is {}.", "Mail the form to {} please."),
    "NAME": ("My name is {}.", "Dear {}, thanks for writing.", "Please ask {} to call back."),
    "PHONE": ("Call me at {}.", "Phone: {}", "You can reach the office on {} any time."),
    "SSN": ("My SSN is {}.", "Social Security Number: {}", "SSN {} on file."),
    "DATE_TIME": ("The meeting is on {}.", "Date: {}", "It was delivered on {}."),
    "PASSPORT_NUMBER": ("My passport number is {}.", "Passport: {}", "Passport no. {} expires soon."),
    "DRIVER_ID": ("My driver's license number is {}.", "Driver license: {}", "DL number {} on file."),
    "URL": ("Visit {} for details.", "The link is {}.", "See {}"),
    "AGE": ("I am {} old.", "The patient is {} old.", "She turned {} old last week."),
    "USERNAME": ("My username is {}.", "username: {}", "Log in as user: {}"),
    "PASSWORD": ("My password is {}", "password: {}", "Use pwd={} to log in."),
    "AWS_ACCESS_KEY": ("aws_access_key_id = {}", "The access key is {}.", "Key ID: {}"),
    "AWS_SECRET_KEY": ("aws_secret_access_key = {}", "The secret key is {} keep it safe.",
                       "secret: {}"),
    "IP_ADDRESS": ("The request came from {}.", "IP address: {}", "Server {} is down."),
    "MAC_ADDRESS": ("The MAC address is {}.", "NIC {} was blocked.", "hwaddr {}"),
    "LICENSE_PLATE": ("The license plate is {}.", "Plate number: {}", "A car with plate {} was towed."),
    "VEHICLE_IDENTIFICATION_NUMBER": ("The VIN is {}.", "VIN: {}", "Vehicle identification number {}."),
    "UK_NATIONAL_INSURANCE_NUMBER": ("My National Insurance number is {}.", "NI number: {}",
                                     "NINO {} on the payslip."),
    "CA_SOCIAL_INSURANCE_NUMBER": ("My SIN is {}.", "Social insurance number: {}", "SIN {} on file."),
    "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER": ("My ITIN is {}.", "ITIN: {}",
                                                "Taxpayer identification number {} was issued."),
    "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER": ("My UTR is {}.", "Unique Taxpayer Reference: {}",
                                            "UTR {} for self assessment."),
    "IN_PERMANENT_ACCOUNT_NUMBER": ("My PAN is {}.", "PAN card: {}", "Permanent account number {}."),
    "IN_NREGA": ("My NREGA job card is {}.", "Job card number: {}", "NREGA {} was renewed."),
    "INTERNATIONAL_BANK_ACCOUNT_NUMBER": ("IBAN: {}", "Please pay to IBAN {}.",
                                          "My IBAN is {} for transfers."),
    "SWIFT_CODE": ("SWIFT code: {}", "The BIC is {}.", "Use SWIFT {} for the wire."),
    "UK_NATIONAL_HEALTH_SERVICE_NUMBER": ("My NHS number is {}.", "NHS number: {}",
                                          "NHS no. {} on the referral."),
    "CA_HEALTH_NUMBER": ("My health card number is {}.", "OHIP: {}", "Health number {} on file."),
    "IN_AADHAAR": ("My Aadhaar number is {}.", "Aadhaar: {}", "Aadhaar {} was linked."),
    "IN_VOTER_NUMBER": ("My voter ID is {}.", "Voter ID: {}", "EPIC number {} was verified."),
}

FILLERS: tuple[str, ...] = (
    "thanks for getting back to me so quickly.", "the team will review the request this week.",
    "let me know if anything else is needed.", "we appreciate your patience while we look into it.",
    "the attached form has been updated.", "please keep this message for your records.",
    "our support desk is open on weekdays.", "the previous note was sent in error.",
    "i have a question about the last statement.", "the system was slow again this morning.",
    "everything looks fine on our side.", "could you confirm the details below?",
    "we could not process the request automatically.", "a copy was saved to the shared folder.",
    "the update finished without errors.", "this ticket can be closed once you confirm.",
)
UNICODE_FILLERS: tuple[str, ...] = (
    "voilà, c'est réglé à côté du café.", "東京の天気は晴れです。", "great work 🎉🚀 thanks!",
    "naïve coöperation, façade and jalapeño.", "zoë wrote: ñandú 🦜 spotted.",
    "e\u0301te\u0301 et noe\u0308l, combining marks.", "Привет, как дела?", "مرحبا بالعالم",
)


def _order_number(ch: Chooser) -> str:
    body = ch.choice("123456789") + "".join(ch.choice(DIGITS) for _ in range(14))
    right = luhn.calc_check_digit(body)
    return body + ch.choice([d for d in DIGITS if d != right])


def _guid(ch: Chooser) -> str:
    return str(uuid.UUID(int=ch.integer(0, 2**128 - 1)))


_DECOY_TEMPLATES = ("order {} has shipped.", "request id {} was logged.",
                    "upgraded to version {} today.", "the total was ${} in all.",
                    "we shipped {} units last quarter.", "see pages {} of the manual.",
                    "the final score was {} after extra time.")


def hard_negative(ch: Chooser) -> tuple[str, str]:
    """A carrier sentence and the PII look-alike in it (not PII): (template, decoy)."""
    kind = ch.integer(0, 6)
    decoy = (
        _order_number(ch) if kind == 0 else
        _guid(ch) if kind == 1 else
        f"{ch.integer(1, 20)}.{ch.integer(0, 30)}.{ch.integer(0, 99)}" if kind == 2 else
        f"{ch.integer(1, 9)},{ch.integer(100, 999)}.{ch.integer(10, 99)}" if kind == 3 else
        f"{ch.integer(1, 9)},{ch.integer(100, 999)}" if kind == 4 else
        f"{ch.integer(100, 400)}-{ch.integer(401, 900)}" if kind == 5 else
        f"{ch.integer(0, 9)}-{ch.integer(0, 9)}")
    return _DECOY_TEMPLATES[kind], decoy


@dataclass(frozen=True, slots=True)
class PlantedEntity:
    """A value planted at `text[begin:end]`."""

    type: str
    begin: int
    end: int
    value: str

    def to_comprehend(self) -> dict[str, Any]:
        return {"Type": self.type, "BeginOffset": self.begin, "EndOffset": self.end}


@dataclass(frozen=True, slots=True)
class LabeledDocument:
    """A text, exactly the PII planted in it, and the look-alikes (decoys) planted in it."""

    text: str
    entities: tuple[PlantedEntity, ...]
    decoys: tuple[PlantedEntity, ...] = ()

    def to_comprehend(self) -> dict[str, Any]:
        """`{"Entities": [...]}` without scores, in offset order."""
        return {"Entities": [e.to_comprehend() for e in self.entities]}

    def to_record(self, record_id: str) -> dict[str, Any]:
        """A line of the `piiscan evaluate` corpus format."""
        return {"id": record_id, "text": self.text,
                "entities": [e.to_comprehend() for e in self.entities]}


ValueBuilder = Callable[[Chooser, str], str]


def build_document(
    ch: Chooser,
    entity_types: Sequence[str],
    *,
    entity_count: int,
    filler_count: int = 1,
    unicode: bool = False,
    crlf: bool = False,
    hard_negatives: int = 0,
    single_line: bool = False,
    make_value: ValueBuilder | None = None,
) -> LabeledDocument:
    """Plant `entity_count` values of the given types among fillers and hard negatives.

    `single_line` keeps the document on one line (for ONE_DOC_PER_LINE inputs);
    `make_value(ch, type)` replaces the built-in value builders (e.g. Faker names).
    """
    build = make_value or value
    pieces: list[tuple[str, str | None, str | None]] = []  # (template, type, value)
    for _ in range(entity_count):
        entity_type = ch.choice(entity_types)
        template = ch.choice(TEMPLATES[entity_type])
        planted = build(ch, entity_type)
        if single_line:
            planted = planted.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
        pieces.append((template, entity_type, planted))
    fillers = FILLERS + (UNICODE_FILLERS if unicode else ())
    for _ in range(filler_count):
        pieces.insert(ch.integer(0, len(pieces)), (ch.choice(fillers), None, None))
    for _ in range(hard_negatives):
        template, decoy = hard_negative(ch)
        pieces.insert(ch.integer(0, len(pieces)), (template, "DECOY", decoy))
    separator = " " if single_line else ("\r\n" if crlf else ch.choice((" ", " ", "\n")))
    text = ""
    entities: list[PlantedEntity] = []
    decoys: list[PlantedEntity] = []
    for index, (template, kind, written) in enumerate(pieces):
        if index:
            text += separator
        if kind is None or written is None:
            text += template
            continue
        before, after = template.split("{}", 1)
        begin = len(text) + len(before)
        text += before + written + after
        target = decoys if kind == "DECOY" else entities
        target.append(PlantedEntity(kind, begin, begin + len(written), written))
    return LabeledDocument(text, tuple(entities), tuple(decoys))
