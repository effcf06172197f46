"""piiscan: offline PII detection with Amazon Comprehend's answers, shapes and job output.

>>> import piiscan
>>> piiscan.detect_pii_entities("Hello Zhang Wei, I am John.")["Entities"][1]["BeginOffset"]
22
"""

from piiscan.api import (
    DEFAULT_SCANNER,
    RedactionConfig,
    Scanner,
    contains_pii_entities,
    custom_recognizer,
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

__version__ = "0.1.0"

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
    "contains_pii_entities",
    "custom_recognizer",
    "detect_pii_entities",
    "redact",
]
