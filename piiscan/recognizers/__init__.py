"""The recognizer registry: exactly one default recognizer per Comprehend entity type.

>>> from piiscan.entities import EntityType
>>> [r.entity for r in DEFAULT] == [t.value for t in EntityType]
True
"""

from __future__ import annotations

from piiscan.context import Context
from piiscan.recognizers.base import Pattern, PatternRecognizer, Recognizer
from piiscan.recognizers.contact import EMAIL, PHONE, URL
from piiscan.recognizers.dates import DATE_TIME
from piiscan.recognizers.finance import (
    BANK_ACCOUNT_NUMBER,
    BANK_ROUTING,
    CREDIT_DEBIT_CVV,
    CREDIT_DEBIT_EXPIRY,
    CREDIT_DEBIT_NUMBER,
    INTERNATIONAL_BANK_ACCOUNT_NUMBER,
    PIN,
    SWIFT_CODE,
)
from piiscan.recognizers.names import NAME
from piiscan.recognizers.national_ids import (
    CA_HEALTH_NUMBER,
    CA_SOCIAL_INSURANCE_NUMBER,
    DRIVER_ID,
    IN_AADHAAR,
    IN_NREGA,
    IN_PERMANENT_ACCOUNT_NUMBER,
    IN_VOTER_NUMBER,
    PASSPORT_NUMBER,
    SSN,
    UK_NATIONAL_HEALTH_SERVICE_NUMBER,
    UK_NATIONAL_INSURANCE_NUMBER,
    UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER,
    US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER,
)
from piiscan.recognizers.network import AWS_ACCESS_KEY, AWS_SECRET_KEY, IP_ADDRESS, MAC_ADDRESS
from piiscan.recognizers.people import AGE, PASSWORD, USERNAME
from piiscan.recognizers.places import ADDRESS
from piiscan.recognizers.vehicles import LICENSE_PLATE, VEHICLE_IDENTIFICATION_NUMBER

__all__ = ["DEFAULT", "Context", "Pattern", "PatternRecognizer", "Recognizer"]

#: One recognizer per EntityType, in the service model's type order.
DEFAULT: tuple[Recognizer, ...] = (
    BANK_ACCOUNT_NUMBER, BANK_ROUTING, CREDIT_DEBIT_NUMBER, CREDIT_DEBIT_CVV, CREDIT_DEBIT_EXPIRY,
    PIN, EMAIL, ADDRESS, NAME, PHONE, SSN, DATE_TIME, PASSPORT_NUMBER, DRIVER_ID, URL, AGE,
    USERNAME, PASSWORD, AWS_ACCESS_KEY, AWS_SECRET_KEY, IP_ADDRESS, MAC_ADDRESS, LICENSE_PLATE,
    VEHICLE_IDENTIFICATION_NUMBER, UK_NATIONAL_INSURANCE_NUMBER, CA_SOCIAL_INSURANCE_NUMBER,
    US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER, UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER,
    IN_PERMANENT_ACCOUNT_NUMBER, IN_NREGA, INTERNATIONAL_BANK_ACCOUNT_NUMBER, SWIFT_CODE,
    UK_NATIONAL_HEALTH_SERVICE_NUMBER, CA_HEALTH_NUMBER, IN_AADHAAR, IN_VOTER_NUMBER,
)
