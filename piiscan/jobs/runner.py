"""Running a job: SUBMITTED -> IN_PROGRESS -> COMPLETED | FAILED | STOPPED.

`run_job` claims a SUBMITTED job (a compare-and-set, so two workers never run one
job), lists its inputs and sends chunks of work to a process pool (every core by
default, `piiscan.pool`: its processes die with the worker) or any executor, keeping
only a few chunks in flight so memory does not grow with the input. A chunk is a
description, never documents: input files (ONE_DOC_PER_FILE) or byte ranges of line
files (`inputs.LinePart`), which the pool's processes read themselves, so the runner
reads no input and each input byte is read once. Results come back in order and are
appended to one staging file; each input's `.out` is a slice of it. A part does not
know where its lines stand in their file, so the runner numbers them (`numbered`) and
counts the job's lines as they come (the limit on lines is checked then).

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
import itertools
import json
import logging
import os
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Executor, Future, ThreadPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from piiscan import formats
from piiscan.api import DEFAULT_SCANNER, RedactionConfig, Scanner, chunk_size
from piiscan.errors import TimeLimitExceededException
from piiscan.jobs.inputs import (
    PART_BYTES,
    Document,
    InputFile,
    JobFailedError,
    LinePart,
    documents,
    line_parts,
    part_documents,
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
#: at most this many items (input files, or parts of line files) in one chunk: small
#: files come a thousand to a task, or a remote executor's round trips dominate (Dask on
#: 45,000 files of 220 bytes: 0.80 of the local pool with 200, 1.02 with 1,000)
CHUNK_DOCUMENTS = 1_000
#: ... but a job of few files gets about four chunks per worker, of this many at least
FEWEST_CHUNK_FILES = 200
#: a ONE_DOC_PER_FILE chunk holds files of about this many bytes at most; a
#: ONE_DOC_PER_LINE chunk holds parts of line files of `inputs.PART_BYTES` in all
CHUNK_BYTES = 2_000_000
#: inputs of one ONE_DOC_PER_FILE chunk read at once from a remote store (a GET costs
#: several scans of a small document; a local read is cheaper than a thread)
PREFETCH = 8
#: how often a waiting runner records progress and looks for a stop request
BEAT_SECONDS = 1.0
#: how long chunks in flight may take to end after a stop request before their
#: processes are ended
STOP_GRACE_SECONDS = 3.0

Item = Document | InputFile | LinePart


class Output(NamedTuple):
    """One document's bytes for its input's `.out` and `.errors.out`.

    A line document (`is_line`) takes the next line number of its file, and its JSON
    record is held as the bytes before and after its `"Line":N` field
    (`out_after_line` / `errors_after_line` set): whoever reads a part of a line file
    does not know where in the file the part starts. `numbered` puts the number in."""

    out: bytes
    errors: bytes = b""
    out_after_line: bytes | None = None
    errors_after_line: bytes | None = None
    is_line: bool = False


class ChunkResult(NamedTuple):
    """A chunk's documents, in order: how many each item gave, their outputs, and whether
    the chunk was done whole (False: a stop request cut it short)."""

    counts: list[int]
    outputs: list[Output]
    complete: bool = True


def numbered(output: Output, line: int) -> tuple[bytes, bytes]:
    """The `.out` and `.errors.out` bytes of a document that is line `line` of its file.

    >>> numbered(Output(b'{"File":"f"', b"", b"}\\n", is_line=True), 7)
    (b'{"File":"f","Line":7}\\n', b'')
    """
    field = b',"Line":%d' % line
    out = output.out if output.out_after_line is None else \
        output.out + field + output.out_after_line
    errors = output.errors if output.errors_after_line is None else \
        output.errors + field + output.errors_after_line
    return out, errors


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


def _json(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _record(head: dict[str, Any], line: int | None, tail: dict[str, Any] | None = None
            ) -> tuple[bytes, bytes | None]:
    """One JSON line of `head`, then `"Line"` when `line` is not None, then `tail`: as
    (the bytes before the line field, the bytes after it, or None without one)."""
    if line is None:
        return _json({**head, **(tail or {})}) + b"\n", None
    after = b"," + _json(tail)[1:] if tail else b"}"
    return _json(head)[:-1], after + b"\n"


def _error_record(document: Document) -> tuple[bytes, bytes | None]:
    return _record({"File": document.file}, document.line,
                   {"ErrorCode": str(document.error_code),
                    "ErrorMessage": document.error_message})


def process_chunk(settings: Settings, chunk: list[Item],
                  scanner: Scanner = DEFAULT_SCANNER) -> ChunkResult:
    """The outputs of a chunk's documents, read by this process.

    An item is an input file (ONE_DOC_PER_FILE), a part of a line file
    (ONE_DOC_PER_LINE) or a document given as it is. In a pool asked to stop, it returns
    early with the outputs of the documents done.
    """
    counts: list[int] = []
    outputs: list[Output] = []
    for item_documents in _read(settings, chunk):
        counts.append(0)
        for document in item_documents:
            if stop_requested():
                return ChunkResult(counts, outputs, complete=False)
            outputs.append(_process_document(settings, document, scanner))
            counts[-1] += 1
    return ChunkResult(counts, outputs)


def _read(settings: Settings, chunk: list[Item]) -> Iterator[Iterable[Document]]:
    """Each item's documents, in order; files of a remote store are fetched `PREFETCH`
    at a time while the ones before are scanned."""
    def read(item: Item) -> Iterable[Document]:
        if isinstance(item, Document):
            return [item]
        if isinstance(item, LinePart):
            return part_documents(item, opener=settings.storage.open)
        return list(documents(item, settings.input_format, opener=settings.storage.open))

    if settings.storage.scheme == "file" or len(chunk) < 2 or \
            not all(isinstance(item, InputFile) for item in chunk):
        yield from map(read, chunk)
        return
    with ThreadPoolExecutor(PREFETCH, thread_name_prefix="piiscan-fetch") as fetchers:
        pending = deque(fetchers.submit(read, item) for item in chunk)
        while pending:
            yield pending.popleft().result()


def _process_document(settings: Settings, document: Document, scanner: Scanner) -> Output:
    if document.text is not None:
        try:
            spans = scanner.find(document.text)
        except TimeLimitExceededException:
            document = Document(document.file, document.line, None, document.terminator,
                                ErrorCode.DOCUMENT_TIME_LIMIT_EXCEEDED,
                                f"The document took longer than {scanner.time_limit} s to scan; "
                                "it was skipped")
    is_line = document.line is not None
    if document.text is None:
        record, after = _error_record(document)
        if settings.redaction is None:
            return Output(record, out_after_line=after, is_line=is_line)
        return Output(document.terminator.encode("ascii"), record, errors_after_line=after,
                      is_line=is_line)
    if settings.redaction is not None:
        redacted = settings.redaction.apply(document.text, spans) + document.terminator
        return Output(redacted.encode("utf-8"), is_line=is_line)
    out, after = _record({"Entities": [formats.out_entity_dict(s) for s in spans],
                          "File": document.file}, document.line)
    return Output(out, out_after_line=after, is_line=is_line)


def _chunks(inputs: list[InputFile], settings: Settings, chunk_documents: int,
            chunk_bytes: int | None, workers: int) -> list[tuple[list[int], list[Item]]]:
    """Chunks of work that may span files, each item with its input file's index: files
    (ONE_DOC_PER_FILE) or parts of line files, described by their listed sizes."""
    items: Iterable[tuple[int, InputFile | LinePart]]
    if settings.input_format == "ONE_DOC_PER_FILE":
        budget = chunk_bytes or CHUNK_BYTES
        chunk_documents = min(chunk_documents,  # the caller's bound holds, even below the fewest
                              chunk_size(len(inputs), workers, FEWEST_CHUNK_FILES, chunk_documents))
        items = enumerate(inputs)
    else:
        budget = chunk_bytes or PART_BYTES
        items = ((index, part) for index, source in enumerate(inputs)
                 for part in line_parts(source, budget))
    chunks: list[tuple[list[int], list[Item]]] = []
    owners: list[int] = []
    chunk: list[Item] = []
    size = 0
    for index, item in items:
        owners.append(index)
        chunk.append(item)
        size += item.size
        if len(chunk) >= chunk_documents or size >= budget:
            chunks.append((owners, chunk))
            owners, chunk, size = [], [], 0
    if chunk:
        chunks.append((owners, chunk))
    return chunks


class _Outputs:
    """All results in one staging file; each input's `.out` is a slice of it.

    Documents arrive in input order, so each member is contiguous, and a line
    document's number is the count of line documents of its file before it. Errors go
    to a second staging file; a member `<name>.errors.out` exists only for inputs that
    had errors. An input with no documents still gets its (empty) `.out`.
    """

    def __init__(self, staging: Path, inputs: list[InputFile]) -> None:
        self.inputs = inputs
        self.out_path, self.error_path = staging / "out.data", staging / "errors.data"
        self.out = private_file(self.out_path)
        self.errors = private_file(self.error_path)
        self.members: dict[str, Slice] = {}
        self.current = -1
        self.written = 0
        self.lines = 0  # line documents written, in the whole job
        self._line = 0  # the next line number in the current input
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
            self._line = 0
            self._starts = (self.out.tell(), self.errors.tell())

    def write(self, owners: list[int], result: ChunkResult) -> None:
        outputs = iter(result.outputs)
        for index, count in zip(owners, result.counts, strict=False):  # a cut chunk
            self._advance_to(index)
            for output in itertools.islice(outputs, count):
                data, error_data = output.out, output.errors
                if output.is_line:
                    data, error_data = numbered(output, self._line)
                    self._line += 1
                    self.lines += 1
                self.out.write(data)
                if error_data:
                    self.errors.write(error_data)
        self.written += len(result.outputs)
        if self.lines > MAX_LINES:
            raise JobFailedError(ErrorCode.LIMIT_EXCEEDED,
                                 f"more than {MAX_LINES} input lines; at most {MAX_LINES}")

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
            chunk_documents: int = CHUNK_DOCUMENTS, chunk_bytes: int | None = None,
            executor: Executor | None = None) -> Job | None:
    """Run one SUBMITTED job to its end; return the final record (None if not claimable).

    The chunks run on `executor` when one is given (anything shaped like
    `concurrent.futures.Executor`: a Dask client's, see `piiscan.jobs.dask`), otherwise
    on `workers` local processes (every core by default). With an executor, `workers`
    is how many tasks it runs at once (`ClusterExecutor.threads` for Dask): the job
    keeps twice that many chunks in flight. This process stays the coordinator either
    way: it lists the inputs, records progress, hears stop requests, numbers lines and
    writes and publishes the output; it reads no document. A chunk holds at most
    `chunk_documents` items (files: fewer when that leaves each worker under four
    chunks, down to `FEWEST_CHUNK_FILES`) and about `chunk_bytes` bytes (by default
    `CHUNK_BYTES` of files, or `inputs.PART_BYTES` of line files).
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
        stopped, done = _execute(claimed, store, workers, clock, chunk_documents, chunk_bytes,
                                 executor)
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
    return _finish(store, job_id, JobStatus.COMPLETED, clock, None, done, total=done)


def _finish(store: JobStore, job_id: str, status: JobStatus, clock: Callable[[], float],
            message: str | None, done: int | None = None, total: int | None = None
            ) -> Job | None:
    changes: dict[str, Any] = {"status": status, "end_time": clock(), "message": message,
                               "heartbeat": clock()}
    if done is not None:
        changes["documents_done"] = done
    if total is not None:
        changes["documents_total"] = total
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


def _check_limits(job: Job, inputs: list[InputFile]) -> int | None:
    """Check the limits the listing can tell; return the documents to expect (None for
    line files: their lines are counted as they are processed, never in a pass of
    their own, and the job fails LIMIT_EXCEEDED when they pass `MAX_LINES`)."""
    total_bytes = sum(f.size for f in inputs)
    if total_bytes > MAX_JOB_BYTES:
        raise JobFailedError(ErrorCode.LIMIT_EXCEEDED, f"the input is {total_bytes} bytes; a job reads "
                         f"at most {MAX_JOB_BYTES} bytes")
    if str(job.request.input.format) == "ONE_DOC_PER_LINE":
        return None
    if len(inputs) > MAX_FILES:
        raise JobFailedError(ErrorCode.LIMIT_EXCEEDED,
                             f"{len(inputs)} input files; at most {MAX_FILES}")
    return len(inputs)


def _execute(job: Job, store: JobStore, workers: int | None, clock: Callable[[], float],
             chunk_documents: int, chunk_bytes: int | None = None,
             executor: Executor | None = None) -> tuple[bool, int]:
    """Process every document; return (cut short by a stop request, documents done)."""
    progress = _Progress(store, job.job_id, clock)
    settings = _settings(job)
    output = _storage(job, job.extra["output_path"])
    same_place = settings.storage.scheme == output.scheme
    inputs = settings.storage.list_inputs(job.extra["input_path"],
                                          exclude=job_folder(job) if same_place else None)
    total = _check_limits(job, inputs)
    staging = _prepare_output(job, output)
    store.update(job.job_id, documents_total=total, heartbeat=clock())
    workers = workers or os.cpu_count() or 1
    chunks = _chunks(inputs, settings, chunk_documents, chunk_bytes, workers)
    pool = choose_pool(workers, len(chunks), executor)
    outputs = _Outputs(staging, inputs)
    in_flight: deque[tuple[Future[ChunkResult], list[int]]] = deque()
    stopped = False
    try:
        for owners, chunk in chunks:
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


def _drain_one(in_flight: deque[tuple[Future[ChunkResult], list[int]]], outputs: _Outputs,
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


def _drain_after_stop(pool: Pool, in_flight: deque[tuple[Future[ChunkResult], list[int]]],
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
        if not results.complete:
            break
    # The other chunks stop at their next document too: let them hand their results back
    # within the grace time, rather than kill them mid-write (`ProcessPool.terminate`).
    wait([future for future, _ in in_flight], timeout=max(0.0, deadline - time.monotonic()))
    if any(future.running() for future, _ in in_flight):
        pool.terminate()  # a chunk still busy past the grace time


__all__ = ["ChunkResult", "Output", "discard_staging", "job_folder", "numbered", "process_chunk",
           "run_job"]
