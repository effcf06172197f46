"""Jobs: their statuses, the allowed moves between them, and the stored record.

    SUBMITTED ─► IN_PROGRESS ─► COMPLETED
        │             ├────────► FAILED
        └──── Stop ───┴──► STOP_REQUESTED ─► STOPPED (or COMPLETED / FAILED)

Any other move raises InvalidRequestException (spec §8).

>>> check_transition(JobStatus.SUBMITTED, JobStatus.IN_PROGRESS)
>>> check_transition(JobStatus.COMPLETED, JobStatus.STOP_REQUESTED)
Traceback (most recent call last):
...
piiscan.errors.InvalidRequestException: Job in status COMPLETED cannot move to STOP_REQUESTED
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from piiscan.api import RedactionConfig
from piiscan.errors import InvalidRequestException


class JobStatus(StrEnum):
    """Comprehend's JobStatus values."""

    SUBMITTED = "SUBMITTED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    STOP_REQUESTED = "STOP_REQUESTED"
    STOPPED = "STOPPED"

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL

    @property
    def is_active(self) -> bool:
        return not self.is_terminal


class Mode(StrEnum):
    """What a job writes: entities as JSON Lines, or redacted copies."""

    ONLY_OFFSETS = "ONLY_OFFSETS"
    ONLY_REDACTION = "ONLY_REDACTION"


class InputFormat(StrEnum):
    """How a job's input files hold documents."""

    ONE_DOC_PER_LINE = "ONE_DOC_PER_LINE"
    ONE_DOC_PER_FILE = "ONE_DOC_PER_FILE"


class OutputLayout(StrEnum):
    """piiscan's choice of output: `output.tar.gz`, or the plain `.out` files."""

    TARBALL = "TARBALL"
    FILES = "FILES"


@dataclass(frozen=True)
class InputSpec:
    """Where a job reads and how (`InputDataConfig`); `reader` is DocumentReaderConfig
    as given (piiscan reads text only, so it is kept to be echoed)."""

    uri: str
    format: InputFormat = InputFormat.ONE_DOC_PER_LINE
    reader: dict[str, Any] | None = None


@dataclass(frozen=True)
class OutputSpec:
    """Where a job writes (`OutputDataConfig`)."""

    uri: str
    kms_key_id: str | None = None


@dataclass(frozen=True)
class Redaction:
    """A job's RedactionConfig as requested (`ALL` kept as written, to be echoed)."""

    entity_types: tuple[str, ...]
    mask_mode: str = "MASK"
    mask_character: str | None = "*"

    def config(self) -> RedactionConfig:
        """The checked configuration the engine applies."""
        return RedactionConfig.checked(self.entity_types, self.mask_mode,
                                       self.mask_character or "*")


@dataclass(frozen=True)
class JobRequest:
    """A checked StartPiiEntitiesDetectionJob request, typed: parsed once from the wire
    (`piiscan.jobs.wire`), then read by field everywhere."""

    input: InputSpec
    output: OutputSpec
    mode: Mode
    language_code: str
    redaction: Redaction | None = None
    role_arn: str | None = None
    name: str | None = None
    client_token: str | None = None
    tags: tuple[tuple[str, str], ...] = ()
    layout: OutputLayout = OutputLayout.TARBALL


@dataclass(frozen=True)
class JobFilter:
    """A List filter: at most one criterion is set (the service checks that)."""

    name: str | None = None
    status: JobStatus | None = None
    submitted_before: float | None = None  # epoch seconds, exclusive
    submitted_after: float | None = None

    def matches(self, job: Job) -> bool:
        """Whether `job` passes every set criterion."""
        return ((self.name is None or job.job_name == self.name)
                and (self.status is None or job.status == self.status)
                and (self.submitted_before is None or job.submit_time < self.submitted_before)
                and (self.submitted_after is None or job.submit_time > self.submitted_after))


class ErrorCode(StrEnum):
    """The codes of error records (one document) and of FAILED Messages (the job)."""

    # a document's error record, in place of its result; the job goes on
    DOCUMENT_SIZE_EXCEEDED = "DOCUMENT_SIZE_EXCEEDED"
    UNSUPPORTED_ENCODING = "UNSUPPORTED_ENCODING"
    UNREADABLE_FILE = "UNREADABLE_FILE"
    LINK_OUTSIDE_INPUT = "LINK_OUTSIDE_INPUT"  # a symlink whose target leaves the input folder
    BROKEN_LINK = "BROKEN_LINK"  # a dangling symlink or a loop
    NOT_A_REGULAR_FILE = "NOT_A_REGULAR_FILE"  # a FIFO, socket, device or link to a folder
    DOCUMENT_TIME_LIMIT_EXCEEDED = "DOCUMENT_TIME_LIMIT_EXCEEDED"
    # a job-level fault: the job ends FAILED with Message "CODE: text"
    NO_INPUT_DATA = "NO_INPUT_DATA"
    NO_READ_ACCESS_TO_INPUT = "NO_READ_ACCESS_TO_INPUT"
    NO_WRITE_ACCESS_TO_OUTPUT = "NO_WRITE_ACCESS_TO_OUTPUT"
    LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


TERMINAL = frozenset({JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.STOPPED})

#: status -> the statuses it may move to
TRANSITIONS: dict[JobStatus, frozenset[JobStatus]] = {
    JobStatus.SUBMITTED: frozenset({JobStatus.IN_PROGRESS, JobStatus.STOP_REQUESTED,
                                    JobStatus.FAILED}),
    JobStatus.IN_PROGRESS: frozenset({JobStatus.COMPLETED, JobStatus.FAILED,
                                      JobStatus.STOP_REQUESTED}),
    JobStatus.STOP_REQUESTED: frozenset({JobStatus.STOPPED, JobStatus.COMPLETED, JobStatus.FAILED}),
    JobStatus.COMPLETED: frozenset(),
    JobStatus.FAILED: frozenset(),
    JobStatus.STOPPED: frozenset(),
}


def check_transition(current: JobStatus, target: JobStatus) -> None:
    """Raise InvalidRequestException unless `current` may move to `target`."""
    if target not in TRANSITIONS[current]:
        raise InvalidRequestException(f"Job in status {current} cannot move to {target}")


@dataclass(frozen=True)
class Job:
    """One job as the store keeps it.

    `request` is the checked Start request, typed; `output_uri` is the job folder
    (`<prefix>/<AccountId>-PII-<JobId>/output/`).
    """

    job_id: str
    job_arn: str
    status: JobStatus
    submit_time: float
    request: JobRequest
    output_uri: str
    account_id: str
    client_token: str | None = None
    request_digest: str = ""
    end_time: float | None = None
    message: str | None = None
    worker_pid: int | None = None
    heartbeat: float | None = None
    documents_done: int = 0
    documents_total: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def job_name(self) -> str | None:
        return self.request.name
