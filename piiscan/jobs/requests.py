"""Validation of the job requests, as the Comprehend service (and boto3) checks them.

Start requests use Comprehend's member names (spec §6); local paths and ``file://``
URIs stand in for S3 URIs. Unknown members are refused (as boto3 refuses them), with
one piiscan extension: ``PiiscanOutputLayout`` (``TARBALL``, the default, or ``FILES``).

>>> request = check_start_request({
...     "InputDataConfig": {"S3Uri": "samples/docs"}, "OutputDataConfig": {"S3Uri": "out"},
...     "Mode": "ONLY_OFFSETS", "LanguageCode": "en"})
>>> request["InputDataConfig"]["InputFormat"], request["PiiscanOutputLayout"]
('ONE_DOC_PER_LINE', 'TARBALL')
>>> check_start_request({"Mode": "ONLY_OFFSETS"})
Traceback (most recent call last):
...
piiscan.errors.InvalidRequestException: Missing required parameter in input: "InputDataConfig"
"""

from __future__ import annotations

import copy
import importlib.util
import unicodedata
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

import regex

from piiscan.api import MASK_CHARACTERS, MASK_MODES, SUPPORTED_LANGUAGES
from piiscan.entities import REDACTION_SELECTOR_ALL, EntityType
from piiscan.errors import (
    InvalidFilterException,
    InvalidRequestException,
    KmsKeyValidationException,
    TooManyTagsException,
    shown,
    validation_error,
)
from piiscan.jobs.models import InputFormat, JobRequest, JobStatus, Mode, OutputLayout
from piiscan.jobs.wire import request_from_wire

INPUT_FORMATS = tuple(sorted(f.value for f in InputFormat))
MODES = tuple(sorted(m.value for m in Mode))
LANGUAGES = SUPPORTED_LANGUAGES
OUTPUT_LAYOUTS = tuple(layout.value for layout in OutputLayout)
READ_ACTIONS = ("TEXTRACT_DETECT_DOCUMENT_TEXT", "TEXTRACT_ANALYZE_DOCUMENT")
READ_MODES = ("SERVICE_DEFAULT", "FORCE_DOCUMENT_READ_ACTION")
FEATURE_TYPES = ("TABLES", "FORMS")
START_MEMBERS = ("InputDataConfig", "OutputDataConfig", "Mode", "RedactionConfig",
                 "DataAccessRoleArn", "JobName", "LanguageCode", "ClientRequestToken", "Tags",
                 "PiiscanOutputLayout")
MAX_TAGS = 50

_ROLE_ARN_RE = regex.compile(r"arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+")
_TOKEN_RE = regex.compile(r"[a-zA-Z0-9-]{1,64}")
_S3_RE = regex.compile(r"s3://[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9](/.*)?")
_KMS_RE = regex.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|mrk-[0-9a-f]{32}"
    r"|arn:aws(-[^:]+)?:kms:[a-z0-9-]+:[0-9]{12}:(key/[A-Za-z0-9-]+|alias/[A-Za-z0-9/_-]+)"
    r"|alias/[A-Za-z0-9/_-]+")
_JOB_ID_RE = regex.compile(r"[0-9a-f]{32}")


def _require(container: dict[str, Any], member: str, where: str = "") -> Any:
    if member not in container or container[member] is None:
        raise InvalidRequestException(f'Missing required parameter in input: "{where}{member}"')
    return container[member]


def _check_type(value: Any, kind: type | tuple[type, ...], member: str) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise InvalidRequestException(
            f"Invalid type for parameter {member}, value: {shown(value)}, type: {type(value).__name__}, "
            f"valid types: {names}")
    return value


def _check_members(container: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for member in container:
        if member not in allowed:
            raise InvalidRequestException(
                f'Unknown parameter in {where or "input"}: "{member}", must be one of: '
                f'{", ".join(allowed)}')


def _check_enum(value: Any, allowed: tuple[str, ...], member: str) -> str:
    if value not in allowed:
        raise validation_error(value, member,
                               f"Member must satisfy enum value set: [{', '.join(allowed)}]")
    return str(value)


def _check_length(value: str, low: int, high: int, member: str) -> str:
    if not low <= len(value) <= high:
        raise validation_error(value, member, f"Member must have length between {low} and {high}")
    return value


def is_job_name(name: str) -> bool:
    """Comprehend's JobName pattern ``^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-%@]*)$``."""
    return all(unicodedata.category(c)[0] in "LZN" or c in "_.:/=+-%@" for c in name)


def check_uri(value: Any, member: str) -> str:
    """A local path, a ``file://`` URI, or an ``s3://`` URI (with the s3 extra)."""
    _check_type(value, str, member)
    _check_length(value, 1, 1024, ".".join(p[:1].lower() + p[1:] for p in member.split(".")))
    if value.startswith("s3://"):
        if not _S3_RE.fullmatch(value):
            raise validation_error(value, member, "Member must satisfy regular expression pattern: "
                                   "s3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?")
        if importlib.util.find_spec("boto3") is None:
            raise InvalidRequestException(
                f"{member}: s3:// URIs need boto3: pip install 'piiscan[s3]'")
        return str(value)
    scheme = urlparse(value).scheme
    if scheme.lower() == "file":
        local_path(value, member)  # refuses what is ambiguous
    elif scheme and len(scheme) > 1:  # one letter: a Windows drive
        raise InvalidRequestException(f"{member}: unsupported URI scheme {scheme!r}; give a local "
                                      "path or a file:// URI")
    return str(value)


def local_path(uri: str, member: str = "S3Uri") -> str:
    """The filesystem path of a local path or ``file://`` URI.

    ``file://`` is followed by the path as written, as the AWS CLI reads
    ``--cli-input-json file://job.json``: ``file://docs`` is ``./docs`` and
    ``file:///data/docs`` is ``/data/docs``. Forms that could mean either, or something
    else (``file:docs``, ``file:/docs``, ``file://`` alone, percent escapes, ``?`` or
    ``#``) are refused rather than guessed.

    >>> local_path("file://docs"), local_path("file:///data/docs"), local_path("out")
    ('docs', '/data/docs', 'out')
    >>> local_path("file:docs")
    Traceback (most recent call last):
    ...
    piiscan.errors.InvalidRequestException: S3Uri 'file:docs' is ambiguous: write file://docs for ./docs, file:///docs for /docs, or a plain path
    """
    if uri[:5].lower() != "file:":
        return uri
    path = uri[7:] if uri[5:7] == "//" else None
    if not path or any(c in path for c in "%?#"):
        shown = uri if len(uri) <= 64 and not any(c.isspace() for c in uri) else "the URI"
        example = (path or uri[5:]).lstrip("/").split("/")[0] or "docs"
        if len(example) > 32 or any(c in example for c in "%?#"):
            example = "docs"
        raise InvalidRequestException(
            f"{member} {shown!r} is ambiguous: write file://{example} for ./{example}, "
            f"file:///{example} for /{example}, or a plain path")
    return path


def parse_role_arn(arn: str) -> tuple[str, str]:
    """(partition, account id) of a checked DataAccessRoleArn.

    >>> parse_role_arn("arn:aws-cn:iam::111122223333:role/R")
    ('aws-cn', '111122223333')
    """
    match = _ROLE_ARN_RE.fullmatch(arn)
    if match is None:
        raise validation_error(arn, "dataAccessRoleArn", "Member must satisfy regular expression "
                               "pattern: arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+")
    return "aws" + (match.group(1) or ""), arn.split(":")[4]


def parse_start_request(request: Any) -> JobRequest:
    """A StartPiiEntitiesDetectionJob request, checked and typed (see `piiscan.jobs.wire`)."""
    return request_from_wire(check_start_request(request))


def check_start_request(request: Any) -> dict[str, Any]:
    """Validate a StartPiiEntitiesDetectionJob request; return it with defaults filled in."""
    _check_type(request, dict, "request")
    _check_members(request, START_MEMBERS, "")
    request = copy.deepcopy(request)
    input_config = _check_type(_require(request, "InputDataConfig"), dict, "InputDataConfig")
    _check_members(input_config, ("S3Uri", "InputFormat", "DocumentReaderConfig"), "InputDataConfig")
    check_uri(_require(input_config, "S3Uri", "InputDataConfig."), "InputDataConfig.S3Uri")
    input_config["InputFormat"] = _check_enum(input_config.get("InputFormat", "ONE_DOC_PER_LINE"),
                                              INPUT_FORMATS, "inputDataConfig.inputFormat")
    if "DocumentReaderConfig" in input_config:
        _check_reader_config(input_config["DocumentReaderConfig"])
    output_config = _check_type(_require(request, "OutputDataConfig"), dict, "OutputDataConfig")
    _check_members(output_config, ("S3Uri", "KmsKeyId"), "OutputDataConfig")
    check_uri(_require(output_config, "S3Uri", "OutputDataConfig."), "OutputDataConfig.S3Uri")
    if "KmsKeyId" in output_config:
        key = _check_type(output_config["KmsKeyId"], str, "OutputDataConfig.KmsKeyId")
        if len(key) > 2048 or not _KMS_RE.fullmatch(key):
            raise KmsKeyValidationException(f"KmsKeyId {shown(key)} is not a key id, key ARN, alias or "
                                            "alias ARN")
    mode = _check_enum(_require(request, "Mode"), MODES, "mode")
    _check_enum(_require(request, "LanguageCode"), LANGUAGES, "languageCode")
    if "RedactionConfig" in request:
        request["RedactionConfig"] = _check_redaction_config(request["RedactionConfig"])
    if mode == "ONLY_REDACTION":
        config = request.get("RedactionConfig")
        if not config or not config.get("PiiEntityTypes"):
            raise InvalidRequestException(
                "RedactionConfig with at least one PiiEntityTypes member is required when Mode is "
                "ONLY_REDACTION")
    if "DataAccessRoleArn" in request:
        arn = _check_type(request["DataAccessRoleArn"], str, "DataAccessRoleArn")
        _check_length(arn, 20, 2048, "dataAccessRoleArn")
        if not _ROLE_ARN_RE.fullmatch(arn):
            raise validation_error(arn, "dataAccessRoleArn", "Member must satisfy regular "
                                   "expression pattern: arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+")
    if "JobName" in request:
        name = _check_type(request["JobName"], str, "JobName")
        _check_length(name, 1, 256, "jobName")
        if not is_job_name(name):
            raise validation_error(name, "jobName", "Member must satisfy regular expression "
                                   "pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-%@]*)$")
    if "ClientRequestToken" in request:
        token = _check_type(request["ClientRequestToken"], str, "ClientRequestToken")
        if not _TOKEN_RE.fullmatch(token):
            raise validation_error(token, "clientRequestToken",
                                   "Member must satisfy regular expression pattern: ^[a-zA-Z0-9-]+$")
    if "Tags" in request:
        _check_tags(request["Tags"])
    request["PiiscanOutputLayout"] = _check_enum(request.get("PiiscanOutputLayout", "TARBALL"),
                                                 OUTPUT_LAYOUTS, "piiscanOutputLayout")
    checked: dict[str, Any] = request
    return checked


def _check_reader_config(config: Any) -> None:
    _check_type(config, dict, "DocumentReaderConfig")
    _check_members(config, ("DocumentReadAction", "DocumentReadMode", "FeatureTypes"),
                   "DocumentReaderConfig")
    _check_enum(_require(config, "DocumentReadAction", "DocumentReaderConfig."), READ_ACTIONS,
                "documentReaderConfig.documentReadAction")
    if "DocumentReadMode" in config:
        _check_enum(config["DocumentReadMode"], READ_MODES, "documentReaderConfig.documentReadMode")
    if "FeatureTypes" in config:
        features = _check_type(config["FeatureTypes"], list, "DocumentReaderConfig.FeatureTypes")
        if not 1 <= len(features) <= 2:
            raise validation_error(features, "documentReaderConfig.featureTypes",
                                   "Member must have length between 1 and 2")
        for feature in features:
            _check_enum(feature, FEATURE_TYPES, "documentReaderConfig.featureTypes.member")


def _check_redaction_config(config: Any) -> dict[str, Any]:
    _check_type(config, dict, "RedactionConfig")
    _check_members(config, ("PiiEntityTypes", "MaskMode", "MaskCharacter"), "RedactionConfig")
    config = dict(config)
    allowed = (*(t.value for t in EntityType), REDACTION_SELECTOR_ALL)
    types = _check_type(config.get("PiiEntityTypes", []), list, "RedactionConfig.PiiEntityTypes")
    for entity_type in types:
        _check_enum(entity_type, allowed, "redactionConfig.piiEntityTypes.member")
    config["MaskMode"] = _check_enum(config.get("MaskMode", "MASK"), MASK_MODES,
                                     "redactionConfig.maskMode")
    if config["MaskMode"] == "MASK" or "MaskCharacter" in config:
        character = config.setdefault("MaskCharacter", "*")
        if not isinstance(character, str) or len(character) != 1 or character not in MASK_CHARACTERS:
            raise validation_error(character, "redactionConfig.maskCharacter",
                                   "Member must satisfy regular expression pattern: [!@#$%&*]")
    checked: dict[str, Any] = config
    return checked


def _check_tags(tags: Any) -> None:
    _check_type(tags, list, "Tags")
    if len(tags) > MAX_TAGS:
        raise TooManyTagsException(f"{len(tags)} tags given; a resource may have at most {MAX_TAGS}")
    for tag in tags:
        _check_type(tag, dict, "Tags.member")
        _check_members(tag, ("Key", "Value"), "Tags.member")
        key = _check_type(_require(tag, "Key", "Tags.member."), str, "Tags.member.Key")
        _check_length(key, 1, 128, "tags.member.key")
        _check_length(_check_type(tag.get("Value", ""), str, "Tags.member.Value"), 0, 256,
                      "tags.member.value")


def check_job_id(job_id: Any) -> str:
    r"""JobId: 1-32 characters of the model's JobId pattern (piiscan's are 32 lower-case hex).

    >>> check_job_id("a!b")
    Traceback (most recent call last):
    ...
    piiscan.errors.ValidationException: 1 validation error detected: Value (a string of 3 characters) at 'jobId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-%@]*)$
    """
    checked: str = _check_type(job_id, str, "JobId")
    _check_length(checked, 1, 32, "jobId")
    if not is_job_name(checked):
        raise validation_error(job_id, "jobId", "Member must satisfy regular expression "
                               "pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-%@]*)$")
    return checked


def parse_time(value: Any, member: str) -> float:
    """Epoch seconds from a number, a datetime or an ISO-8601 string."""
    if isinstance(value, bool):
        raise InvalidFilterException(f"{member} must be a time, got {shown(value)}")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise InvalidFilterException(f"{member} {shown(value)} is not an ISO-8601 time") from None
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()
    raise InvalidFilterException(f"{member} must be a time, got {type(value).__name__}")


def check_list_filter(flt: Any) -> dict[str, Any]:
    """At most one criterion (spec §9); JobStatus one of JobStatus; times parsed."""
    if flt is None:
        return {}
    if not isinstance(flt, dict):
        raise InvalidFilterException(f"Filter must be an object, got {type(flt).__name__}")
    allowed = ("JobName", "JobStatus", "SubmitTimeBefore", "SubmitTimeAfter")
    unknown = [k for k in flt if k not in allowed]
    if unknown:
        raise InvalidFilterException(f"Unknown filter member {shown(unknown[0])}; use one of "
                                     f"{', '.join(allowed)}")
    given = {k: v for k, v in flt.items() if v is not None}
    if len(given) > 1:
        raise InvalidFilterException("Only one filter criterion may be set at a time, got "
                                     + ", ".join(sorted(given)))
    checked: dict[str, Any] = {}
    for key, value in given.items():
        if key == "JobStatus":
            _check_enum(value, tuple(JobStatus.__members__), "filter.jobStatus")
            checked[key] = str(value)
        elif key == "JobName":
            name = _check_type(value, str, "Filter.JobName")
            _check_length(name, 1, 256, "filter.jobName")
            if not is_job_name(name):
                raise validation_error(name, "filter.jobName", "Member must satisfy regular "
                                       "expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-%@]*)$")
            checked[key] = name
        else:
            checked[key] = parse_time(value, key)
    return checked
