"""The Comprehend PII entity catalogue and the span every recognizer returns.

`EntityType` lists the 36 detectable types in the service model's order (spec §3).
`ALL` is not among them: it only selects types for redaction (see `REDACTION_SELECTOR_ALL`).

>>> EntityType("SSN") is EntityType.SSN
True
>>> len(EntityType)
36
>>> Span(6, 15, EntityType.NAME, 0.99).text("Hello Zhang Wei, I am John.")
'Zhang Wei'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum


class EntityType(StrEnum):
    """A Comprehend PII entity type; member name == value == the wire `Type`."""

    BANK_ACCOUNT_NUMBER = "BANK_ACCOUNT_NUMBER"
    BANK_ROUTING = "BANK_ROUTING"
    CREDIT_DEBIT_NUMBER = "CREDIT_DEBIT_NUMBER"
    CREDIT_DEBIT_CVV = "CREDIT_DEBIT_CVV"
    CREDIT_DEBIT_EXPIRY = "CREDIT_DEBIT_EXPIRY"
    PIN = "PIN"
    EMAIL = "EMAIL"
    ADDRESS = "ADDRESS"
    NAME = "NAME"
    PHONE = "PHONE"
    SSN = "SSN"
    DATE_TIME = "DATE_TIME"
    PASSPORT_NUMBER = "PASSPORT_NUMBER"
    DRIVER_ID = "DRIVER_ID"
    URL = "URL"
    AGE = "AGE"
    USERNAME = "USERNAME"
    PASSWORD = "PASSWORD"
    AWS_ACCESS_KEY = "AWS_ACCESS_KEY"
    AWS_SECRET_KEY = "AWS_SECRET_KEY"
    IP_ADDRESS = "IP_ADDRESS"
    MAC_ADDRESS = "MAC_ADDRESS"
    LICENSE_PLATE = "LICENSE_PLATE"
    VEHICLE_IDENTIFICATION_NUMBER = "VEHICLE_IDENTIFICATION_NUMBER"
    UK_NATIONAL_INSURANCE_NUMBER = "UK_NATIONAL_INSURANCE_NUMBER"
    CA_SOCIAL_INSURANCE_NUMBER = "CA_SOCIAL_INSURANCE_NUMBER"
    US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER = "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER"
    UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER = "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER"
    IN_PERMANENT_ACCOUNT_NUMBER = "IN_PERMANENT_ACCOUNT_NUMBER"
    IN_NREGA = "IN_NREGA"
    INTERNATIONAL_BANK_ACCOUNT_NUMBER = "INTERNATIONAL_BANK_ACCOUNT_NUMBER"
    SWIFT_CODE = "SWIFT_CODE"
    UK_NATIONAL_HEALTH_SERVICE_NUMBER = "UK_NATIONAL_HEALTH_SERVICE_NUMBER"
    CA_HEALTH_NUMBER = "CA_HEALTH_NUMBER"
    IN_AADHAAR = "IN_AADHAAR"
    IN_VOTER_NUMBER = "IN_VOTER_NUMBER"


#: The redaction selector meaning "every type"; never a detected type.
REDACTION_SELECTOR_ALL = "ALL"

#: Position of each built-in type in the model order; custom types sort after all of them.
TYPE_ORDER: dict[str, int] = {member.value: index for index, member in enumerate(EntityType)}


def type_rank(entity_type: str) -> tuple[int, str]:
    """Sort key for the final tie-break: model order, then custom types by name."""
    return (TYPE_ORDER.get(entity_type, len(TYPE_ORDER)), entity_type)


class Verdict(Enum):
    """What a validator said about a candidate value."""

    VALID = "VALID"  # a checksum or a structural rule passed
    UNCHECKED = "UNCHECKED"  # the type has no validator
    INVALID = "INVALID"  # the shape matched but the checksum or rule failed

    @property
    def specificity(self) -> int:
        """Rank used to settle ties: a validated value beats a guess."""
        return {"VALID": 2, "UNCHECKED": 1, "INVALID": 0}[self.value]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """One finding: `text[start:end]` is the value (code points, end exclusive).

    `type` is an `EntityType` for built-in recognizers or an upper-case custom name.
    The fields after `score` explain the score and take no part in comparisons;
    `evidence` names the weighted evidence a recognizer added up (NAME's rows).
    """

    start: int
    end: int
    type: str
    score: float
    recognizer: str = field(default="", compare=False)
    verdict: Verdict = field(default=Verdict.UNCHECKED, compare=False)
    context_words: tuple[str, ...] = field(default=(), compare=False)
    base_score: float = field(default=0.0, compare=False)
    evidence: tuple[tuple[str, float], ...] = field(default=(), compare=False)

    def text(self, document: str) -> str:
        """The characters of `document` this span covers."""
        return document[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end
