"""Running a job: SUBMITTED -> IN_PROGRESS -> COMPLETED | FAILED | STOPPED.

`run_job` claims a SUBMITTED job (a compare-and-set, so two workers never run one
job), reads its inputs as streams, and sends chunks of documents to a process pool
(every core by default), keeping only a few chunks in flight so memory does not
grow with the input. Results are appended, in order, to one staging `.out` file per
input file. Between chunks the runner records progress and a heartbeat, and looks
for a stop request: then it finishes the chunks in flight and publishes what was
done (the job ends STOPPED). At the end the staging files are published atomically,
as `output.tar.gz` or as plain `.out` files (PiiscanOutputLayout FILES); inputs are
never written to.

A bad document becomes an error record (`ErrorCode`, `ErrorMessage`) in place of its
result; only job-level faults (no input, no access, limits) FAIL the job, with
`Message = "CODE: text"`. For ONLY_REDACTION, a document that cannot be read is
written as an empty line and its error record goes to `<file>.errors.out`.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from piiscan import formats
from piiscan.api import DEFAULT_SCANNER, RedactionConfig, Scanner
from piiscan.jobs.inputs import (
    Document, InputFile, JobFailure, count_documents, documents, list_inputs,
)
from piiscan.jobs.models import Job, JobStatus
from piiscan.jobs.store import JobStore
from piiscan.jobs.tarball import Slice, fsync_directory, publish_file, write_tarball

log = logging.getLogger(__name__)

MAX_JOB_BYTES = 5 * 1024**3
MAX_FILES = 1_000_000
MAX_LINES = 1_000_000
CHUNK_DOCUMENTS = 200
CHUNK_BYTES = 2_000_000
WRITE_PROBE = ".write_access_check_file.temp"


@dataclass(frozen=True)
class Settings:
    """What a chunk needs to be processed, picklable for the pool."""

    mode: str
    input_format: str
    redaction: RedactionConfig | None


def job_folder(job: Job) -> Path:
    """`<output prefix>/<AccountId>-PII-<JobId>` on the local filesystem."""
    return Path(job.extra["output_path"]) / f"{job.account_id}-PII-{job.job_id}"


def _settings(job: Job) -> Settings:
    redaction = None
    config = job.request.get("RedactionConfig")
    if job.request["Mode"] == "ONLY_REDACTION" and config:
        redaction = RedactionConfig.checked(config["PiiEntityTypes"], config.get("MaskMode", "MASK"),
                                            config.get("MaskCharacter", "*"))
    return Settings(job.request["Mode"], job.request["InputDataConfig"]["InputFormat"], redaction)


def _error_record(document: Document) -> dict[str, Any]:
    record: dict[str, Any] = {"File": document.file}
    if document.line is not None:
        record["Line"] = document.line
    record["ErrorCode"] = document.error_code
    record["ErrorMessage"] = document.error_message
    return record


def _json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def process_chunk(settings: Settings, chunk: list[Document | InputFile],
                  scanner: Scanner = DEFAULT_SCANNER) -> list[tuple[bytes, bytes]]:
    """For each item of a chunk: its `.out` bytes and its error-record bytes.

    An item is a document (ONE_DOC_PER_LINE: the parent streams the lines) or an input
    file (ONE_DOC_PER_FILE: the worker reads it, so reading is spread over the pool).
    """
    results: list[tuple[bytes, bytes]] = []
    for item in chunk:
        document = next(documents(item, settings.input_format)) if isinstance(item, InputFile) \
            else item
        out, errors = _process_document(settings, document, scanner)
        results.append((out.encode("utf-8"), errors.encode("utf-8")))
    return results


def _process_document(settings: Settings, document: Document, scanner: Scanner
                      ) -> tuple[str, str]:
    if document.text is None:
        record = _json_line(_error_record(document))
        return (record, "") if settings.redaction is None else (document.terminator, record)
    spans = scanner.find(document.text)
    if settings.redaction is not None:
        return settings.redaction.apply(document.text, spans) + document.terminator, ""
    out: dict[str, Any] = {"Entities": [formats.out_entity_dict(s) for s in spans],
                           "File": document.file}
    if document.line is not None:
        out["Line"] = document.line
    return _json_line(out), ""


def _chunks(inputs: list[InputFile], input_format: str
            ) -> Iterator[tuple[list[int], list[Document | InputFile]]]:
    """Chunks of work that may span files, each item with its input file's index."""
    owners: list[int] = []
    chunk: list[Document | InputFile] = []
    size = 0
    for index, source in enumerate(inputs):
        items: Iterable[Document | InputFile] = (
            [source] if input_format == "ONE_DOC_PER_FILE" else documents(source, input_format))
        for item in items:
            owners.append(index)
            chunk.append(item)
            size += item.size if isinstance(item, InputFile) else len(item.text or "")
            if len(chunk) >= CHUNK_DOCUMENTS or size >= CHUNK_BYTES:
                yield owners, chunk
                owners, chunk, size = [], [], 0
    if chunk:
        yield owners, chunk


class _Outputs:
    """All results in one staging file; each input's `.out` is a slice of it.

    Documents arrive in input order, so each member is contiguous. Errors go to a
    second staging file; a member `<name>.errors.out` exists only for inputs that had
    errors. An input with no documents still gets its (empty) `.out`.
    """

    def __init__(self, staging: Path, inputs: list[InputFile]) -> None:
        self.inputs = inputs
        self.out_path, self.error_path = staging / "out.data", staging / "errors.data"
        self.out = open(self.out_path, "wb")
        self.errors = open(self.error_path, "wb")
        self.members: dict[str, Slice] = {}
        self.current = -1
        self._starts = (0, 0)

    def _close_current(self) -> None:
        if self.current < 0:
            return
        name = self.inputs[self.current].name
        out_start, error_start = self._starts
        self.members[name + ".out"] = Slice(self.out_path, out_start, self.out.tell() - out_start)
        if self.errors.tell() > error_start:
            self.members[name + ".errors.out"] = Slice(self.error_path, error_start,
                                                       self.errors.tell() - error_start)

    def _advance_to(self, index: int) -> None:
        while self.current < index:
            self._close_current()
            self.current += 1
            self._starts = (self.out.tell(), self.errors.tell())

    def write(self, index: int, data: bytes, error_data: bytes) -> None:
        self._advance_to(index)
        self.out.write(data)
        if error_data:
            self.errors.write(error_data)

    def finish(self, through: int) -> dict[str, Slice]:
        self._advance_to(through)
        self._close_current()
        self.out.close()
        self.errors.close()
        return self.members


class _Inline:
    """Stands in for the pool when one process is enough (small jobs, tests)."""

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(function(*args))
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        return None


def run_job(job_id: str, store: JobStore, *, workers: int | None = None,
            clock: Callable[[], float] = time.time) -> Job | None:
    """Run one SUBMITTED job to its end; return the final record (None if not claimable)."""
    job = store.get(job_id)
    if job is None:
        return None
    if job.status == JobStatus.STOP_REQUESTED:
        return store.update(job_id, {JobStatus.STOP_REQUESTED}, status=JobStatus.STOPPED,
                            end_time=clock(), message="STOPPED: the job was stopped before it started")
    claimed = store.update(job_id, {JobStatus.SUBMITTED}, status=JobStatus.IN_PROGRESS,
                           worker_pid=os.getpid(), heartbeat=clock())
    if claimed is None:
        return None
    try:
        stopped = _execute(claimed, store, workers, clock)
    except JobFailure as failure:
        log.warning("job %s failed: %s", job_id, failure)
        return _finish(store, job_id, JobStatus.FAILED, clock, str(failure))
    except Exception as error:  # a fault of piiscan itself: report it, never hang
        log.exception("job %s failed", job_id)
        return _finish(store, job_id, JobStatus.FAILED, clock,
                       f"INTERNAL_SERVER_ERROR: {type(error).__name__}: {error}")
    if stopped:
        return _finish(store, job_id, JobStatus.STOPPED, clock,
                       "STOPPED: stopped on request; results of the documents processed so far "
                       "were kept")
    return _finish(store, job_id, JobStatus.COMPLETED, clock, None)


def _finish(store: JobStore, job_id: str, status: JobStatus, clock: Callable[[], float],
            message: str | None) -> Job | None:
    return store.update(job_id, {JobStatus.IN_PROGRESS, JobStatus.STOP_REQUESTED}, status=status,
                        end_time=clock(), message=message, heartbeat=clock())


def _prepare_output(job: Job) -> tuple[Path, Path]:
    prefix = Path(job.extra["output_path"])
    folder = job_folder(job) / "output"
    try:
        prefix.mkdir(parents=True, exist_ok=True)
        (prefix / WRITE_PROBE).write_bytes(b"")
        folder.mkdir(parents=True, exist_ok=True)
        staging = job_folder(job) / ".staging"
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir()
    except OSError as error:
        raise JobFailure("NO_WRITE_ACCESS_TO_OUTPUT",
                         f"cannot write to {error.filename or prefix}: {error.strerror}") from None
    return folder, staging


def _check_limits(job: Job, inputs: list[InputFile]) -> int:
    input_format = job.request["InputDataConfig"]["InputFormat"]
    total_bytes = sum(f.size for f in inputs)
    if total_bytes > MAX_JOB_BYTES:
        raise JobFailure("LIMIT_EXCEEDED", f"the input is {total_bytes} bytes; a job reads at most "
                         f"{MAX_JOB_BYTES} bytes")
    if input_format == "ONE_DOC_PER_FILE":
        if len(inputs) > MAX_FILES:
            raise JobFailure("LIMIT_EXCEEDED", f"{len(inputs)} input files; at most {MAX_FILES}")
        return len(inputs)
    lines = sum(count_documents(f, input_format) for f in inputs)
    if lines > MAX_LINES:
        raise JobFailure("LIMIT_EXCEEDED", f"{lines} input lines; at most {MAX_LINES}")
    return lines


def _execute(job: Job, store: JobStore, workers: int | None, clock: Callable[[], float]) -> bool:
    """Process every document; return True if a stop request cut the job short."""
    input_path = Path(job.extra["input_path"])
    inputs = list_inputs(input_path, exclude=job_folder(job).resolve())
    total = _check_limits(job, inputs)
    folder, staging = _prepare_output(job)
    store.update(job.job_id, documents_total=total, heartbeat=clock())
    settings = _settings(job)
    workers = workers or os.cpu_count() or 1
    pool: Any = _Inline() if workers == 1 or total <= CHUNK_DOCUMENTS else \
        ProcessPoolExecutor(max_workers=workers)
    outputs = _Outputs(staging, inputs)
    done, stopped = 0, False
    in_flight: deque[tuple[Future[list[tuple[bytes, bytes]]], list[int]]] = deque()
    try:
        for owners, chunk in _chunks(inputs, settings.input_format):
            in_flight.append((pool.submit(process_chunk, settings, chunk), owners))
            while len(in_flight) > 2 * workers and not stopped:
                done += _drain_one(in_flight, outputs)
                stopped = _stop_requested(store, job.job_id, done, clock)
            if stopped:
                break
        while in_flight:
            done += _drain_one(in_flight, outputs)
            stopped = _stop_requested(store, job.job_id, done, clock) or stopped
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    members = outputs.finish(outputs.current if stopped else len(inputs) - 1)
    _publish(job, folder, members)
    shutil.rmtree(staging, ignore_errors=True)
    return stopped


def _drain_one(in_flight: deque[tuple[Future[list[tuple[bytes, bytes]]], list[int]]],
               outputs: _Outputs) -> int:
    future, owners = in_flight.popleft()
    for index, (text, error_text) in zip(owners, future.result()):
        outputs.write(index, text, error_text)
    return len(owners)


def _stop_requested(store: JobStore, job_id: str, done: int, clock: Callable[[], float]) -> bool:
    job = store.update(job_id, documents_done=done, heartbeat=clock())
    return job is not None and job.status == JobStatus.STOP_REQUESTED


def _publish(job: Job, folder: Path, outputs: dict[str, Slice]) -> None:
    """Make the results visible at their final names, atomically."""
    try:
        if job.request.get("PiiscanOutputLayout", "TARBALL") == "TARBALL":
            write_tarball(folder / "output.tar.gz", outputs)
            return
        for name, piece in sorted(outputs.items()):
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            publish_file(piece, target)
        fsync_directory(folder)
    except OSError as error:
        raise JobFailure("NO_WRITE_ACCESS_TO_OUTPUT",
                         f"cannot write {error.filename or folder}: {error.strerror}") from None


__all__ = ["job_folder", "process_chunk", "run_job"]
