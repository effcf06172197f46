"""Comprehend's wire protocol (awsJson1_1), apart from any HTTP server or client.

The operations piiscan serves, with the request members the 2017-11-27 service model
gives each (`OPERATIONS`); decoding a request body into keyword arguments of
`piiscan.client` (`decode_request`: unknown members are ignored, as AWS's servers
ignore members newer SDKs send; required members and their JSON types are checked);
encoding an answer (`encode_response`: datetimes as epoch seconds, `None` members
dropped); and errors as `{"__type", "message"}` with the HTTP status botocore maps to its
modeled exception classes (`error_response`). Deterministic refusals (ten active jobs,
a document over the time limit) answer 400, never 429 or 500, which botocore retries
for seconds.

>>> decode_request(operation("Comprehend_20171127.DetectPiiEntities"),
...                b'{"Text": "hi", "LanguageCode": "en", "New": 1}')
{'Text': 'hi', 'LanguageCode': 'en'}
>>> encode_response({"A": None, "B": [1]})
b'{"B":[1]}'
>>> error_response(piiscan.JobNotFoundException("Job not found: x"))[0]
404
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import piiscan
from piiscan.errors import (
    InternalServerException,
    PiiscanError,
    RequestEntityTooLargeException,
    SerializationException,
    TimeLimitExceededException,
    TooManyRequestsException,
    UnknownOperationException,
)

TARGET_PREFIX = "Comprehend_20171127."
CONTENT_TYPE = "application/x-amz-json-1.1"


@dataclass(frozen=True)
class Operation:
    """One operation: the client method that runs it and its model's request members."""

    method: str
    members: Mapping[str, type]
    required: tuple[str, ...] = ()


_TEXT = {"Text": str, "LanguageCode": str}
OPERATIONS: dict[str, Operation] = {
    "DetectPiiEntities": Operation("detect_pii_entities", _TEXT, ("Text", "LanguageCode")),
    "ContainsPiiEntities": Operation("contains_pii_entities", _TEXT, ("Text", "LanguageCode")),
    "StartPiiEntitiesDetectionJob": Operation(
        "start_pii_entities_detection_job",
        {"InputDataConfig": dict, "OutputDataConfig": dict, "Mode": str, "RedactionConfig": dict,
         "DataAccessRoleArn": str, "JobName": str, "LanguageCode": str,
         "ClientRequestToken": str, "Tags": list, "PiiscanOutputLayout": str},
        ("InputDataConfig", "OutputDataConfig", "Mode", "LanguageCode")),
    "DescribePiiEntitiesDetectionJob": Operation(
        "describe_pii_entities_detection_job", {"JobId": str}, ("JobId",)),
    "ListPiiEntitiesDetectionJobs": Operation(
        "list_pii_entities_detection_jobs",
        {"Filter": dict, "NextToken": str, "MaxResults": int}),
    "StopPiiEntitiesDetectionJob": Operation(
        "stop_pii_entities_detection_job", {"JobId": str}, ("JobId",)),
}


def operation(target: str | None) -> Operation:
    """The operation an `X-Amz-Target` header names, or UnknownOperationException."""
    served = ", ".join(OPERATIONS)
    if not target:
        raise UnknownOperationException(
            f"The X-Amz-Target header is missing; piiscan serves Comprehend_20171127.<op> for "
            f"{served}")
    name = target[len(TARGET_PREFIX):] if target.startswith(TARGET_PREFIX) else None
    if name not in OPERATIONS:
        shown = target if len(target) <= 80 and target.isprintable() else "that target"
        raise UnknownOperationException(
            f"piiscan does not serve {shown}; it serves the PII operations of Comprehend "
            f"2017-11-27: {served}")
    return OPERATIONS[name]


def decode_request(op: Operation, body: bytes) -> dict[str, Any]:
    """The keyword arguments for `op`: its known members only, checked."""
    try:
        request = json.loads(body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise SerializationException("The request body is not valid JSON") from None
    if not isinstance(request, dict):
        raise SerializationException("The request body must be a JSON object")
    arguments = {}
    for member, kind in op.members.items():
        if member not in request or request[member] is None:
            continue
        value = request[member]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            raise SerializationException(
                f"{member} must be of type {getattr(kind, '__name__', 'object')} in JSON, got "
                f"{type(value).__name__}")
        arguments[member] = value
    for member in op.required:
        if member not in arguments:
            raise piiscan.InvalidRequestException(
                f"Missing required parameter in input: \"{member}\"")
    return arguments


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def encode_response(answer: Mapping[str, Any]) -> bytes:
    """The JSON body of an answer: datetimes as epoch seconds, no `None` members."""
    return json.dumps(_plain(answer), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def error_response(error: PiiscanError) -> tuple[int, bytes]:
    """(HTTP status, body) for an error, as botocore parses them."""
    status = error.http_status
    if isinstance(error, (TooManyRequestsException, TimeLimitExceededException)):
        status = 400  # deterministic: a retry would only wait and fail again
    body = {"__type": error.code, "message": error.message}
    return status, json.dumps(body, ensure_ascii=False).encode("utf-8")


def internal_error() -> tuple[int, bytes]:
    """A fault of piiscan itself (a bug): 500, with no detail that could hold data."""
    return error_response(InternalServerException(
        "piiscan failed on this request; the server log has the details"))


__all__ = [
    "CONTENT_TYPE",
    "OPERATIONS",
    "TARGET_PREFIX",
    "Operation",
    "RequestEntityTooLargeException",
    "SerializationException",
    "UnknownOperationException",
    "decode_request",
    "encode_response",
    "error_response",
    "internal_error",
    "operation",
]
