"""Errors named after Amazon Comprehend's error codes.

Every error is a `PiiscanError`; `.code` is the name on the wire (`__type`) and
`.http_status` the status the service model gives it. Each also inherits the built-in
it resembles, so plain `except ValueError` keeps working::

    PiiscanError(Exception)
    ├── InvalidRequestException (ValueError)          400
    ├── ValidationException (ValueError)              400  unmodeled; enums, patterns, lengths
    ├── TextSizeLimitExceededException (ValueError)   400
    ├── UnsupportedLanguageException (ValueError)     400
    ├── InvalidFilterException (ValueError)           400
    ├── KmsKeyValidationException (ValueError)        400
    ├── TooManyTagsException (ValueError)             400
    ├── ResourceInUseException (RuntimeError)         400
    ├── JobNotFoundException (LookupError)            404
    ├── TooManyRequestsException (RuntimeError)       429
    └── InternalServerException (RuntimeError)        500
        └── TimeLimitExceededException (TimeoutError)  500  a document over Scanner.time_limit

and, for `piiscan serve` only (errors of the protocol, not of a request's content):
SerializationException (a body that is not a JSON object), UnknownOperationException
(an X-Amz-Target piiscan does not serve), RequestEntityTooLargeException (413),
InvalidSignatureException (403, when the server checks signatures).

>>> err = JobNotFoundException("Job not found: 123")
>>> (err.code, err.http_status, isinstance(err, LookupError))
('JobNotFoundException', 404, True)
"""

from __future__ import annotations

import re


class PiiscanError(Exception):
    """Base of every error piiscan raises on purpose."""

    http_status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def code(self) -> str:
        """Comprehend's name for this error (the wire `__type`)."""
        return type(self).__name__

    def to_wire(self) -> dict[str, str]:
        """The JSON error body Comprehend sends: `{"__type": ..., "Message": ...}`."""
        return {"__type": self.code, "Message": self.message}


class InvalidRequestException(PiiscanError, ValueError):
    """The request is semantically invalid (wrong type, empty text, bad token...)."""


class ValidationException(PiiscanError, ValueError):
    """A member breaks a constraint: required, enum, length or pattern."""


class TextSizeLimitExceededException(PiiscanError, ValueError):
    """Text over the synchronous size limit, measured in UTF-8 bytes."""


class UnsupportedLanguageException(PiiscanError, ValueError):
    """The language cannot be processed."""


class InvalidFilterException(PiiscanError, ValueError):
    """A List filter is invalid (several criteria, bad values)."""


class KmsKeyValidationException(PiiscanError, ValueError):
    """A KMS key id cannot be parsed."""


class TooManyTagsException(PiiscanError, ValueError):
    """More than 50 tags on a resource."""


class ResourceInUseException(PiiscanError, RuntimeError):
    """A name or idempotency token conflicts with an existing job."""


class JobNotFoundException(PiiscanError, LookupError):
    """No job has the given JobId."""

    http_status = 404


class TooManyRequestsException(PiiscanError, RuntimeError):
    """Throttled, or too many concurrent jobs."""

    http_status = 429


class InternalServerException(PiiscanError, RuntimeError):
    """A fault inside piiscan."""

    http_status = 500


class TimeLimitExceededException(InternalServerException, TimeoutError):
    """A document took longer than `Scanner.time_limit`: a guard, never expected.

    Every recognizer is linear in the text, so this is a backstop against a pattern that
    is not. On the wire it is an InternalServerException; a job records the document as
    an error (`DOCUMENT_TIME_LIMIT_EXCEEDED`) and goes on with the next one.
    """

    @property
    def code(self) -> str:
        return "InternalServerException"


_SHOWN_RE = re.compile(r"(?:[A-Za-z_][A-Za-z0-9_-]{0,31})?")


def shown(value: object) -> str:
    """`value` as an error message may quote it: a short code-like word (an enum name, a
    language code) verbatim, anything else described, since it may be a document (a
    text passed where a language code belongs) or a value from one (an SSN, an address).

    >>> shown("fr"), shown("My SSN is 212-67-4013"), shown("212-67-4013"), shown(None)
    ("'fr'", 'a string of 21 characters', 'a string of 11 characters', 'None')
    """
    if isinstance(value, str):
        return repr(value) if _SHOWN_RE.fullmatch(value) else f"a string of {len(value)} characters"
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    return f"a value of type {type(value).__name__}"


class SerializationException(PiiscanError, ValueError):
    """The body is not a JSON object, or a member has the wrong JSON type."""


class UnknownOperationException(PiiscanError, ValueError):
    """An X-Amz-Target that names no operation piiscan serves."""


class RequestEntityTooLargeException(PiiscanError, ValueError):
    """A request body over the server's limit."""

    http_status = 413


class InvalidSignatureException(PiiscanError, PermissionError):
    """The request's SigV4 signature does not match the server's credentials."""

    http_status = 403


def validation_error(value: object, member: str, constraint: str) -> ValidationException:
    """Build the message AWS uses for one failed constraint (the value `shown`).

    >>> validation_error("fr", "languageCode", "Member must satisfy enum value set: [en, es]").message
    "1 validation error detected: Value 'fr' at 'languageCode' failed to satisfy constraint: Member must satisfy enum value set: [en, es]"
    >>> validation_error("SSN 212-67-4013", "languageCode", "...").message
    "1 validation error detected: Value (a string of 15 characters) at 'languageCode' failed to satisfy constraint: ..."
    """
    quoted = shown(value)
    value_text = quoted if quoted.startswith("'") else \
        f"'{value}'" if value is None or isinstance(value, (bool, int, float)) else f"({quoted})"
    return ValidationException(
        f"1 validation error detected: Value {value_text} at '{member}' "
        f"failed to satisfy constraint: {constraint}"
    )
