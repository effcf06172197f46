"""Running a job: SUBMITTED -> IN_PROGRESS -> COMPLETED | FAILED | STOPPED.

`run_job` claims a SUBMITTED job (a compare-and-set, so two workers never run one
job), reads its inputs as streams, and sends chunks of documents to a process pool
(every core by default, `piiscan.pool`: its processes die with the worker),
keeping only a few chunks in flight so memory does not grow with the input. Results
are appended, in order, to one staging file; each input's `.out` is a slice of it.

After each chunk, and about once a second while it waits for one, the runner records
progress and a heartbeat and looks for a stop request. On one, the pool is told to stop: chunks end
between two documents, what was done is kept in input order (the first chunk cut short
ends it), a chunk still busy after a few seconds has its process ended, and the results
so far are published (the job ends STOPPED). At the end the results are published
whole: `output.tar.gz` is written beside its final name and renamed; the FILES layout
is staged as a complete `output/` folder and renamed into place, so a reader sees all
`.out` files or none. Inputs are never written to. Everything the job creates is
owner-only (folders 0700, files 0600), whatever the umask.

A bad document becomes an error record (`ErrorCode`, `ErrorMessage`) in place of its
result; only job-level faults (no input, no access, limits, a full disk) FAIL the job,
with `Message = "CODE: text"`, and a failed job leaves no staging data behind. For
ONLY_REDACTION, a document that cannot be read is written as an empty line and its
error record goes to `<file>.errors.out`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Executor, Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from piiscan import formats
from piiscan.api import DEFAULT_SCANNER, RedactionConfig, Scanner
from piiscan.errors import TimeLimitExceededException
from piiscan.jobs.inputs import (
    Document,
    InputFile,
    JobFailedError,
    count_documents,
    documents,
)
from piiscan.jobs.local import LocalStorage, private_file, private_folder
from piiscan.jobs.models import ErrorCode, Job, JobStatus, Mode
from piiscan.jobs.storage import Storage, storage_for
from piiscan.jobs.store import JobStore
from piiscan.jobs.tarball import Slice
from piiscan.pool import Pool, choose_pool, stop_requested

log = logging.getLogger(__name__)

MAX_JOB_BYTES = 5 * 1024**3
MAX_FILES = 1_000_000
MAX_LINES = 1_000_000
CHUNK_DOCUMENTS = 200
CHUNK_BYTES = 2_000_000
#: inputs of one ONE_DOC_PER_FILE chunk read at once from a remote store (a GET costs
#: several scans of a small document; a local read is cheaper than a thread)
PREFETCH = 8
#: how often a waiting runner records progress and looks for a stop request
BEAT_SECONDS = 1.0
#: how long chunks in flight may take to end after a stop request before their
#: processes are ended
STOP_GRACE_SECONDS = 3.0

Results = list[tuple[bytes, bytes]]


@dataclass(frozen=True)
class Settings:
    """What a chunk needs to be processed, picklable for the pool."""

    mode: str
    input_format: str
    redaction: RedactionConfig | None
    storage: Storage = field(default_factory=LocalStorage)


def job_folder(job: Job) -> str:
    """`<output prefix>/<AccountId>-PII-<JobId>`, in the output's storage."""
    prefix = job.extra["output_path"]
    return _storage(job, prefix).job_folder(prefix, f"{job.account_id}-PII-{job.job_id}")


def _storage(job: Job, uri: str) -> Storage:
    return storage_for(uri, job.request.role_arn)


def _settings(job: Job) -> Settings:
    request = job.request
    redaction = None
    if request.mode == Mode.ONLY_REDACTION and request.redaction is not None:
        redaction = request.redaction.config()
    return Settings(str(request.mode), str(request.input.format), redaction,
                    _storage(job, job.extra["input_path"]))


def _error_record(document: Document) -> dict[str, Any]:
    record: dict[str, Any] = {"File": document.file}
    if document.line is not None:
        record["Line"] = document.line
    record["ErrorCode"] = str(document.error_code)
    record["ErrorMessage"] = document.error_message
    return record


def _json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def process_chunk(settings: Settings, chunk: list[Document | InputFile],
                  scanner: Scanner = DEFAULT_SCANNER) -> Results:
    """For each item of a chunk: its `.out` bytes and its error-record bytes.

    An item is a document (ONE_DOC_PER_LINE: the parent streams the lines) or an input
    file (ONE_DOC_PER_FILE: the worker reads it, so reading is spread over the pool).
    In a pool asked to stop, it returns early with the results of the items done.
    """
    results: Results = []
    for document in _read(settings, chunk):
        if stop_requested():
            break
        out, errors = _process_document(settings, document, scanner)
        results.append((out.encode("utf-8"), errors.encode("utf-8")))
    return results


def _read(settings: Settings, chunk: list[Document | InputFile]) -> Iterator[Document]:
    """The chunk's documents in order; inputs of a remote store are fetched `PREFETCH` at
    a time while the ones before are scanned."""
    def read(item: Document | InputFile) -> Document:
        if isinstance(item, Document):
            return item
        return next(documents(item, settings.input_format, opener=settings.storage.open))

    if settings.storage.scheme == "file" or len(chunk) < 2:
        yield from map(read, chunk)
        return
    with ThreadPoolExecutor(PREFETCH, thread_name_prefix="piiscan-fetch") as fetchers:
        pending = deque(fetchers.submit(read, item) for item in chunk)
        while pending:
            yield pending.popleft().result()


def _process_document(settings: Settings, document: Document, scanner: Scanner
                      ) -> tuple[str, str]:
    if document.text is not None:
        try:
            spans = scanner.find(document.text)
        except TimeLimitExceededException:
            document = Document(document.file, document.line, None, document.terminator,
                                ErrorCode.DOCUMENT_TIME_LIMIT_EXCEEDED,
                                f"The document took longer than {scanner.time_limit} s to scan; "
                                "it was skipped")
    if document.text is None:
        record = _json_line(_error_record(document))
        return (record, "") if settings.redaction is None else (document.terminator, record)
    if settings.redaction is not None:
        return settings.redaction.apply(document.text, spans) + document.terminator, ""
    out: dict[str, Any] = {"Entities": [formats.out_entity_dict(s) for s in spans],
                           "File": document.file}
    if document.line is not None:
        out["Line"] = document.line
    return _json_line(out), ""


def _chunks(inputs: list[InputFile], settings: Settings, chunk_documents: int
            ) -> Iterator[tuple[list[int], list[Document | InputFile]]]:
    """Chunks of work that may span files, each item with its input file's index."""
    owners: list[int] = []
    chunk: list[Document | InputFile] = []
    size = 0
    for index, source in enumerate(inputs):
        items: Iterable[Document | InputFile] = (
            [source] if settings.input_format == "ONE_DOC_PER_FILE"
            else documents(source, settings.input_format, opener=settings.storage.open))
        for item in items:
            owners.append(index)
            chunk.append(item)
            size += item.size if isinstance(item, InputFile) else len(item.text or "")
            if len(chunk) >= chunk_documents or size >= CHUNK_BYTES:
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
        self.out = private_file(self.out_path)
        self.errors = private_file(self.error_path)
        self.members: dict[str, Slice] = {}
        self.current = -1
        self.written = 0
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

    def write(self, owners: list[int], results: Results) -> None:
        for index, (data, error_data) in zip(owners, results, strict=False):  # a cut chunk
            self._advance_to(index)
            self.out.write(data)
            if error_data:
                self.errors.write(error_data)
        self.written += len(results)

    def finish(self, through: int) -> dict[str, Slice]:
        self._advance_to(through)
        self._close_current()
        self.close()
        return self.members

    def close(self) -> None:
        self.out.close()
        self.errors.close()


class _Progress:
    """Progress, heartbeat and stop requests, through the store (at most about once a
    second unless forced)."""

    def __init__(self, store: JobStore, job_id: str, clock: Callable[[], float]) -> None:
        self.store, self.job_id, self.clock = store, job_id, clock
        self.last = float("-inf")
        self.stop = False

    def beat(self, done: int | None = None, *, force: bool = False) -> bool:
        """Record `done` and a heartbeat unless one was just recorded; True on a stop."""
        now = time.monotonic()
        if force or now - self.last >= BEAT_SECONDS:
            self.last = now
            changes: dict[str, Any] = {"heartbeat": self.clock()}
            if done is not None:
                changes["documents_done"] = done
            job = self.store.update(self.job_id, **changes)
            self.stop = self.stop or (job is not None and job.status == JobStatus.STOP_REQUESTED)
        return self.stop


def run_job(job_id: str, store: JobStore, *, workers: int | None = None,
            clock: Callable[[], float] = time.time,
            chunk_documents: int = CHUNK_DOCUMENTS,
            executor: Executor | None = None) -> Job | None:
    """Run one SUBMITTED job to its end; return the final record (None if not claimable).

    The chunks run on `executor` when one is given (anything shaped like
    `concurrent.futures.Executor`: a Dask client's, see `piiscan.jobs.dask`), otherwise
    on `workers` local processes (every core by default). This process stays the
    coordinator either way: it reads line inputs, records progress, hears stop requests
    and writes and publishes the output.
    """
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
        stopped, done = _execute(claimed, store, workers, clock, chunk_documents, executor)
    except JobFailedError as failure:
        log.warning("job %s failed: %s", job_id, failure)
        discard_staging(claimed)
        return _finish(store, job_id, JobStatus.FAILED, clock, str(failure))
    except OSError as error:  # the output side: a full disk, a folder removed under us
        log.exception("job %s failed", job_id)
        discard_staging(claimed)
        return _finish(store, job_id, JobStatus.FAILED, clock,
                       f"{ErrorCode.NO_WRITE_ACCESS_TO_OUTPUT}: writing the results failed: "
                       f"{error.strerror or error} ({error.filename or job_folder(claimed)}); "
                       "nothing was published")
    except Exception as error:  # a fault of piiscan itself: report it, never hang
        log.exception("job %s failed", job_id)
        discard_staging(claimed)
        return _finish(store, job_id, JobStatus.FAILED, clock,
                       f"{ErrorCode.INTERNAL_SERVER_ERROR}: {type(error).__name__}: {error}")
    if stopped:
        return _finish(store, job_id, JobStatus.STOPPED, clock,
                       "STOPPED: stopped on request; results of the documents processed so far "
                       "were kept", done)
    return _finish(store, job_id, JobStatus.COMPLETED, clock, None, done)


def _finish(store: JobStore, job_id: str, status: JobStatus, clock: Callable[[], float],
            message: str | None, done: int | None = None) -> Job | None:
    changes: dict[str, Any] = {"status": status, "end_time": clock(), "message": message,
                               "heartbeat": clock()}
    if done is not None:
        changes["documents_done"] = done
    return store.update(job_id, {JobStatus.IN_PROGRESS, JobStatus.STOP_REQUESTED}, **changes)


def discard_staging(job: Job) -> None:
    """Remove what an unfinished run of `job` left: staging data, temporary files and
    partial uploads."""
    with contextlib.suppress(Exception):  # never let cleaning up hide the job's own fault
        _storage(job, job.extra["output_path"]).discard(job_folder(job), job.job_id)


def _prepare_output(job: Job, storage: Storage) -> Path:
    """Probe write access and return a fresh local staging folder."""
    storage.probe_write(job.extra["output_path"], job.request.output.kms_key_id)
    staging = storage.staging(job_folder(job), job.job_id)
    try:
        if staging.exists():
            shutil.rmtree(staging)
        private_folder(staging)
    except OSError as error:
        raise JobFailedError(ErrorCode.NO_WRITE_ACCESS_TO_OUTPUT,
                             f"cannot write to {error.filename or staging}: "
                             f"{error.strerror}") from None
    return staging


def _check_limits(job: Job, inputs: list[InputFile], progress: _Progress, storage: Storage
                  ) -> int:
    input_format = str(job.request.input.format)
    total_bytes = sum(f.size for f in inputs)
    if total_bytes > MAX_JOB_BYTES:
        raise JobFailedError(ErrorCode.LIMIT_EXCEEDED, f"the input is {total_bytes} bytes; a job reads "
                         f"at most {MAX_JOB_BYTES} bytes")
    if input_format == "ONE_DOC_PER_FILE":
        if len(inputs) > MAX_FILES:
            raise JobFailedError(ErrorCode.LIMIT_EXCEEDED,
                             f"{len(inputs)} input files; at most {MAX_FILES}")
        return len(inputs)
    lines = 0
    for source in inputs:
        lines += count_documents(source, input_format, opener=storage.open)
        progress.beat()
    if lines > MAX_LINES:
        raise JobFailedError(ErrorCode.LIMIT_EXCEEDED, f"{lines} input lines; at most {MAX_LINES}")
    return lines


def _execute(job: Job, store: JobStore, workers: int | None, clock: Callable[[], float],
             chunk_documents: int, executor: Executor | None = None) -> tuple[bool, int]:
    """Process every document; return (cut short by a stop request, documents done)."""
    progress = _Progress(store, job.job_id, clock)
    settings = _settings(job)
    output = _storage(job, job.extra["output_path"])
    same_place = settings.storage.scheme == output.scheme
    inputs = settings.storage.list_inputs(job.extra["input_path"],
                                          exclude=job_folder(job) if same_place else None)
    total = _check_limits(job, inputs, progress, settings.storage)
    staging = _prepare_output(job, output)
    store.update(job.job_id, documents_total=total, heartbeat=clock())
    workers = workers or os.cpu_count() or 1
    pool = choose_pool(workers, -(-total // chunk_documents), executor)
    outputs = _Outputs(staging, inputs)
    in_flight: deque[tuple[Future[Results], list[int]]] = deque()
    stopped = False
    try:
        for owners, chunk in _chunks(inputs, settings, chunk_documents):
            in_flight.append((pool.submit(process_chunk, settings, chunk), owners))
            while len(in_flight) > 2 * workers and not stopped:
                stopped = _drain_one(in_flight, outputs, progress)
            if stopped:
                break
        while in_flight and not stopped:
            stopped = _drain_one(in_flight, outputs, progress)
        if stopped:
            _drain_after_stop(pool, in_flight, outputs)
    except BaseException:
        outputs.close()
        raise
    finally:
        pool.shutdown()
    progress.beat(outputs.written, force=True)
    members = outputs.finish(outputs.current if stopped else len(inputs) - 1)
    output.publish(members, job_folder(job), job.request.layout, staging,
                   job.request.output.kms_key_id, progress.beat)
    shutil.rmtree(staging, ignore_errors=True)
    return stopped, outputs.written


def _drain_one(in_flight: deque[tuple[Future[Results], list[int]]], outputs: _Outputs,
               progress: _Progress) -> bool:
    """Write the oldest chunk's results once they come; True when a stop was requested
    (then the chunk may still be in flight)."""
    future, owners = in_flight[0]
    while True:
        try:
            results = future.result(timeout=BEAT_SECONDS)
            break
        except FutureTimeout:
            if progress.beat(outputs.written):
                return True
    in_flight.popleft()
    outputs.write(owners, results)
    return progress.beat(outputs.written, force=True)


def _drain_after_stop(pool: Pool, in_flight: deque[tuple[Future[Results], list[int]]],
                      outputs: _Outputs) -> None:
    """After a stop request: keep the results that come within the grace time, in order,
    up to the first chunk cut short; end the processes of chunks still busy."""
    pool.request_stop()
    for future, _ in in_flight:
        future.cancel()  # chunks not started yet
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    while in_flight:
        future, owners = in_flight[0]
        try:
            results = future.result(timeout=max(0.0, deadline - time.monotonic()))
        except (FutureTimeout, CancelledError, BrokenProcessPool):
            break
        in_flight.popleft()
        outputs.write(owners, results)
        if len(results) < len(owners):
            break
    if any(future.running() for future, _ in in_flight):
        pool.terminate()  # a chunk still busy past the grace time


__all__ = ["discard_staging", "job_folder", "process_chunk", "run_job"]
