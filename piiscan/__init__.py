"""piiscan: offline PII detection with Amazon Comprehend's answers, shapes and job output.

>>> import piiscan
>>> piiscan.detect_pii_entities("Hello Zhang Wei, I am John.")["Entities"][1]["BeginOffset"]
22
"""

import typing as _typing

from piiscan.api import (
    DEFAULT_SCANNER,
    RedactionConfig,
    Scanner,
    contains_pii_entities,
    custom_recognizer,
    detect_many,
    detect_pii_entities,
    redact,
)
from piiscan.entities import EntityType, Span, Verdict
from piiscan.errors import (
    InternalServerException,
    InvalidFilterException,
    InvalidRequestException,
    JobNotFoundException,
    KmsKeyValidationException,
    PiiscanError,
    ResourceInUseException,
    TextSizeLimitExceededException,
    TimeLimitExceededException,
    TooManyRequestsException,
    TooManyTagsException,
    UnsupportedLanguageException,
    ValidationException,
)

if _typing.TYPE_CHECKING:
    from piiscan.comprehend import ComprehendClient

__version__ = "0.1.0"


def client(service_name: str = "comprehend", **options: _typing.Any) -> "ComprehendClient":
    """boto3's Comprehend client in process: `piiscan.client("comprehend")` has the methods,
    keywords, answers and `exceptions` of `boto3.client("comprehend")` for the PII
    operations (see `piiscan.comprehend`). Loaded on first use."""
    from piiscan.comprehend import client as make

    return make(service_name, **options)


__all__ = [
    "DEFAULT_SCANNER",
    "EntityType",
    "InternalServerException",
    "InvalidFilterException",
    "InvalidRequestException",
    "JobNotFoundException",
    "KmsKeyValidationException",
    "PiiscanError",
    "RedactionConfig",
    "ResourceInUseException",
    "Scanner",
    "Span",
    "TextSizeLimitExceededException",
    "TimeLimitExceededException",
    "TooManyRequestsException",
    "TooManyTagsException",
    "UnsupportedLanguageException",
    "ValidationException",
    "Verdict",
    "__version__",
    "client",
    "contains_pii_entities",
    "custom_recognizer",
    "detect_many",
    "detect_pii_entities",
    "redact",
]
