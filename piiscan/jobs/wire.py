"""The job operations' shapes in Comprehend's member names, and nowhere else.

`request_from_wire` turns a checked Start request (`piiscan.jobs.requests`) into the
typed `JobRequest` the service, the store and the runner read by field;
`request_to_wire` gives the same request back in Comprehend's form (stored as JSON,
hashed for ClientRequestToken checks, echoed by Describe); `job_properties` is
Describe's `PiiEntitiesDetectionJobProperties`. The library functions, the CLI and the
server all go through here.

>>> wire = {"InputDataConfig": {"S3Uri": "in", "InputFormat": "ONE_DOC_PER_FILE"},
...         "OutputDataConfig": {"S3Uri": "out"}, "Mode": "ONLY_OFFSETS",
...         "LanguageCode": "en", "PiiscanOutputLayout": "TARBALL"}
>>> typed = request_from_wire(wire)
>>> typed.input.format, typed.mode
(<InputFormat.ONE_DOC_PER_FILE: 'ONE_DOC_PER_FILE'>, <Mode.ONLY_OFFSETS: 'ONLY_OFFSETS'>)
>>> request_to_wire(typed) == wire
True
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from piiscan.jobs.models import (
    InputFormat,
    InputSpec,
    Job,
    JobFilter,
    JobRequest,
    JobStatus,
    Mode,
    OutputLayout,
    OutputSpec,
    Redaction,
)


def request_from_wire(request: dict[str, Any]) -> JobRequest:
    """The typed form of a checked Start request (defaults filled in)."""
    input_config, output_config = request["InputDataConfig"], request["OutputDataConfig"]
    redaction = None
    if "RedactionConfig" in request:
        config = request["RedactionConfig"]
        redaction = Redaction(tuple(config.get("PiiEntityTypes", ())),
                              config.get("MaskMode", "MASK"), config.get("MaskCharacter"))
    return JobRequest(
        input=InputSpec(input_config["S3Uri"],
                        InputFormat(input_config.get("InputFormat", "ONE_DOC_PER_LINE")),
                        input_config.get("DocumentReaderConfig")),
        output=OutputSpec(output_config["S3Uri"], output_config.get("KmsKeyId")),
        mode=Mode(request["Mode"]), language_code=request["LanguageCode"],
        redaction=redaction, role_arn=request.get("DataAccessRoleArn"),
        name=request.get("JobName"), client_token=request.get("ClientRequestToken"),
        tags=tuple((t["Key"], t.get("Value", "")) for t in request.get("Tags", ())),
        layout=OutputLayout(request.get("PiiscanOutputLayout", "TARBALL")))


def _input_config(spec: InputSpec) -> dict[str, Any]:
    config: dict[str, Any] = {"S3Uri": spec.uri, "InputFormat": str(spec.format)}
    if spec.reader is not None:
        config["DocumentReaderConfig"] = spec.reader
    return config


def _redaction_config(redaction: Redaction) -> dict[str, Any]:
    config: dict[str, Any] = {"PiiEntityTypes": list(redaction.entity_types),
                              "MaskMode": redaction.mask_mode}
    if redaction.mask_character is not None:
        config["MaskCharacter"] = redaction.mask_character
    return config


def request_to_wire(request: JobRequest) -> dict[str, Any]:
    """The Start request in Comprehend's member names (inverse of `request_from_wire`)."""
    wire: dict[str, Any] = {"InputDataConfig": _input_config(request.input)}
    output: dict[str, Any] = {"S3Uri": request.output.uri}
    if request.output.kms_key_id is not None:
        output["KmsKeyId"] = request.output.kms_key_id
    wire["OutputDataConfig"] = output
    wire["Mode"] = str(request.mode)
    if request.redaction is not None:
        wire["RedactionConfig"] = _redaction_config(request.redaction)
    if request.role_arn is not None:
        wire["DataAccessRoleArn"] = request.role_arn
    if request.name is not None:
        wire["JobName"] = request.name
    wire["LanguageCode"] = request.language_code
    if request.client_token is not None:
        wire["ClientRequestToken"] = request.client_token
    if request.tags:
        wire["Tags"] = [{"Key": key, "Value": value} for key, value in request.tags]
    wire["PiiscanOutputLayout"] = str(request.layout)
    return wire


def filter_from_wire(checked: dict[str, Any]) -> JobFilter:
    """The typed form of a checked List filter (`requests.check_list_filter`)."""
    status = checked.get("JobStatus")
    return JobFilter(name=checked.get("JobName"),
                     status=JobStatus(status) if status is not None else None,
                     submitted_before=checked.get("SubmitTimeBefore"),
                     submitted_after=checked.get("SubmitTimeAfter"))


def _when(epoch: float | None) -> datetime | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, tz=UTC)


def job_properties(job: Job) -> dict[str, Any]:
    """PiiEntitiesDetectionJobProperties, members in the service model's order."""
    request = job.request
    result: dict[str, Any] = {"JobId": job.job_id, "JobArn": job.job_arn}
    if request.name is not None:
        result["JobName"] = request.name
    result["JobStatus"] = str(job.status)
    if job.message:
        result["Message"] = job.message
    result["SubmitTime"] = _when(job.submit_time)
    if job.end_time is not None and job.status.is_terminal:
        result["EndTime"] = _when(job.end_time)
    result["InputDataConfig"] = _input_config(request.input)
    output: dict[str, Any] = {"S3Uri": job.output_uri}
    if request.output.kms_key_id is not None:
        output["KmsKeyId"] = request.output.kms_key_id
    result["OutputDataConfig"] = output
    if request.redaction is not None:
        result["RedactionConfig"] = _redaction_config(request.redaction)
    result["LanguageCode"] = request.language_code
    if request.role_arn is not None:
        result["DataAccessRoleArn"] = request.role_arn
    result["Mode"] = str(request.mode)
    result["PiiscanOutputLayout"] = str(request.layout)
    result["PiiscanProgress"] = {"DocumentsProcessed": job.documents_done,
                                 "DocumentsTotal": job.documents_total}
    return result


__all__ = ["filter_from_wire", "job_properties", "request_from_wire", "request_to_wire"]
