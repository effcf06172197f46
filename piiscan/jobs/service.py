"""The four job operations, with the request and response dicts of boto3's client.

`JobService` holds a store, a clock, an id factory and a launcher (all injectable);
the module functions in `piiscan.jobs` build one over the SQLite store under
`PIISCAN_HOME` for each call. Responses carry datetimes where boto3 does.

A job whose worker process is gone while the job is still SUBMITTED, IN_PROGRESS or
STOP_REQUESTED (killed, machine restarted) is marked FAILED, with a Message, the next
time `start`, `describe` or `list` sees it, and so is one whose worker never started
(`launch_grace` seconds) or stopped beating (a heartbeat older than `stale_after`
seconds: the worker is hung, and is killed). Its staging data is removed then. A
worker is recognised by its pid and its start time, so a reused pid is no worker.
Start the job again with a new ClientRequestToken to rerun it.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from piiscan.errors import (
    InternalServerException,
    InvalidRequestException,
    JobNotFoundException,
    ResourceInUseException,
    TooManyRequestsException,
    validation_error,
)
from piiscan.jobs.local import WRITE_PROBE, private_folder
from piiscan.jobs.models import ErrorCode, Job, JobStatus, check_transition
from piiscan.jobs.requests import (
    check_job_id,
    check_list_filter,
    local_path,
    parse_role_arn,
    parse_start_request,
)
from piiscan.jobs.runner import discard_staging, run_job
from piiscan.jobs.s3 import split_uri
from piiscan.jobs.storage import is_s3, storage_for
from piiscan.jobs.store import JobStore, default_home, open_store
from piiscan.jobs.wire import filter_from_wire, job_properties, request_to_wire

DEFAULT_ACCOUNT = "000000000000"
MAX_ACTIVE_JOBS = 10
#: seconds a detached job may wait for its worker to claim it
LAUNCH_GRACE_SECONDS = 60.0
#: seconds without a heartbeat after which a running worker is taken for hung (it
#: beats about once a second, also while a long chunk or the publishing runs)
STALE_AFTER_SECONDS = 120.0
Launcher = Callable[[Job], int | None]


def _digest(request: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()


def _proc_stat(pid: int) -> list[bytes] | None:
    """The fields of /proc/PID/stat after the command name (None where there is none)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None


def process_start(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot), to tell it from a later
    process that reuses its pid; None where /proc cannot say."""
    fields = _proc_stat(pid)
    return fields[19].decode() if fields and len(fields) > 19 else None


def process_is_running(pid: int, started: str | None = None) -> bool:
    """True if `pid` is a live process that is not a zombie (and, when `started` is
    given, the same process that had that start time)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    fields = _proc_stat(pid)
    if fields is None:
        return True
    if fields[0] == b"Z":
        return False
    return started is None or len(fields) <= 19 or fields[19].decode() == started


def worker_log(home: Path, job_id: str) -> Path:
    """Where the detached worker of `job_id` writes its log."""
    return home / "logs" / f"{job_id}.log"


def detached_launcher(home: Path, workers: int | None = None,
                      scheduler: str | None = None) -> Launcher:
    """Start `python -m piiscan.jobs.worker JOB_ID` in a new session; return its pid.
    With `scheduler`, the job's chunks run on that Dask cluster (`piiscan.jobs.dask`)."""
    def launch(job: Job) -> int:
        command = [sys.executable, "-m", "piiscan.jobs.worker", "--home", str(home)]
        if workers:
            command += ["--workers", str(workers)]
        if scheduler:
            command += ["--scheduler", scheduler]
        command.append(job.job_id)
        log_path = worker_log(home, job.job_id)
        private_folder(log_path.parent)
        descriptor = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "ab") as log_file:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log_file,
                                       stderr=log_file, start_new_session=True, close_fds=True)
        return process.pid
    return launch


class JobService:
    """Start, describe, list and stop PII entity detection jobs."""

    def __init__(self, store: JobStore, *, launcher: Launcher | None = None,
                 clock: Callable[[], float] = time.time,
                 new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
                 region: str | None = None, home: Path | None = None,
                 launch_grace: float = LAUNCH_GRACE_SECONDS,
                 stale_after: float = STALE_AFTER_SECONDS) -> None:
        self.store = store
        self.launcher = launcher
        self.clock = clock
        self.new_id = new_id
        self.region = region or os.environ.get("PIISCAN_REGION", "us-east-1")
        self.home = home
        self.launch_grace = launch_grace
        self.stale_after = stale_after

    # -- Start ------------------------------------------------------------------------

    def start(self, **request: Any) -> dict[str, Any]:
        """StartPiiEntitiesDetectionJob."""
        checked = parse_start_request(request)
        token = checked.client_token
        digest = _digest({k: v for k, v in request_to_wire(checked).items()
                          if k != "ClientRequestToken"})
        if token is not None:
            existing = self.store.by_token(token)
            if existing is not None:
                if existing.request_digest != digest:
                    raise ResourceInUseException(
                        f"ClientRequestToken {token!r} was already used for job "
                        f"{existing.job_id} with a different request")
                return self._start_response(existing)
        account, partition = DEFAULT_ACCOUNT, "aws"
        if checked.role_arn:
            partition, account = parse_role_arn(checked.role_arn)
        input_path, output_path = _place(checked.input.uri), _place(checked.output.uri)
        if reads_output(input_path, output_path, account):
            raise InvalidRequestException(
                "OutputDataConfig.S3Uri is inside the input folder (or the prefix) that "
                "InputDataConfig.S3Uri selects; the job "
                "would read its own output. Give an output folder outside the input")
        job_id = self.new_id()
        folder = storage_for(output_path).job_folder(output_path, f"{account}-PII-{job_id}")
        if is_s3(output_path):
            output_uri = folder + "/output/"
        else:
            output = Path(folder) / "output"
            output_uri = (output.as_uri() if checked.output.uri.startswith("file:")
                          else str(output)) + "/"
        job = Job(
            job_id=job_id,
            job_arn=f"arn:{partition}:comprehend:{self.region}:{account}:"
                    f"pii-entities-detection-job/{job_id}",
            status=JobStatus.SUBMITTED, submit_time=self.clock(), request=checked,
            output_uri=output_uri, account_id=account, client_token=token, request_digest=digest,
            extra={"input_path": input_path, "output_path": output_path,
                   "detached": self.launcher is not None})
        for active in self.store.active():  # a dead job must not hold a place
            self._reap(active)
        if not self.store.insert(job, max_active=MAX_ACTIVE_JOBS):
            raise TooManyRequestsException(
                f"{MAX_ACTIVE_JOBS} PII detection jobs are already active; wait for one to end")
        if self.launcher is not None:
            try:
                pid = self.launcher(job)
            except (OSError, subprocess.SubprocessError) as error:
                message = (f"{ErrorCode.INTERNAL_SERVER_ERROR}: the job's worker could not be "
                           f"started: {error}")
                self.store.update(job_id, {JobStatus.SUBMITTED, JobStatus.STOP_REQUESTED},
                                  status=JobStatus.FAILED, end_time=self.clock(), message=message)
                raise InternalServerException(f"Job {job_id} FAILED: {message}") from None
            if pid is not None:
                started = process_start(pid)
                extra = {**job.extra, "worker_start": started} if started else job.extra
                job = self.store.update(job_id, worker_pid=pid, extra=extra) or job
        return self._start_response(job)

    @staticmethod
    def _start_response(job: Job) -> dict[str, Any]:
        return {"JobId": job.job_id, "JobArn": job.job_arn, "JobStatus": str(job.status)}

    # -- Describe ---------------------------------------------------------------------

    def describe(self, **request: Any) -> dict[str, Any]:
        """DescribePiiEntitiesDetectionJob."""
        job = self._job(request)
        return {"PiiEntitiesDetectionJobProperties": self.properties(self._reap(job))}

    def _job(self, request: dict[str, Any]) -> Job:
        unknown = [k for k in request if k != "JobId"]
        if unknown:
            raise InvalidRequestException(f'Unknown parameter in input: "{unknown[0]}", must be '
                                          'one of: JobId')
        if "JobId" not in request:
            raise InvalidRequestException('Missing required parameter in input: "JobId"')
        job_id = check_job_id(request["JobId"])
        job = self.store.get(job_id)
        if job is None:
            raise JobNotFoundException(f"Job not found: {job_id}")
        return job

    def _reap(self, job: Job) -> Job:
        """Mark FAILED an active job whose worker is gone, never came, or hangs."""
        if not job.status.is_active:
            return job
        now = self.clock()
        started = job.extra.get("worker_start")
        if job.worker_pid is None:
            if not job.extra.get("detached") or now - job.submit_time < self.launch_grace:
                return job
            reason = (f"the job's worker did not start within {self.launch_grace:g} s of the "
                      "submission")
        elif not process_is_running(job.worker_pid, started):
            reason = (f"the job's worker process ({job.worker_pid}) ended before the job did "
                      "(killed, the machine restarted, or it failed)")
        elif job.heartbeat is not None and now - job.heartbeat > self.stale_after and \
                job.extra.get("detached"):
            reason = (f"the job's worker process ({job.worker_pid}) gave no sign of life for "
                      f"{now - job.heartbeat:.0f} s and was ended")
            with contextlib.suppress(OSError):  # the same process: checked just above
                os.kill(job.worker_pid, signal.SIGKILL)
        else:
            return job
        log_note = f"; its log: {worker_log(self.home, job.job_id)}" if self.home else ""
        failed = self.store.update(
            job.job_id, {job.status}, status=JobStatus.FAILED, end_time=now,
            message=(f"{ErrorCode.INTERNAL_SERVER_ERROR}: {reason}; no partial output was "
                     f"published{log_note}. Start it again (with a new ClientRequestToken, if it "
                     "had one) to rerun it."))
        if failed is None:  # it moved on meanwhile
            return self.store.get(job.job_id) or job
        if "output_path" in job.extra:
            discard_staging(job)
        return failed

    @staticmethod
    def properties(job: Job) -> dict[str, Any]:
        """PiiEntitiesDetectionJobProperties (see `piiscan.jobs.wire.job_properties`)."""
        return job_properties(job)

    # -- List -------------------------------------------------------------------------

    def list(self, **request: Any) -> dict[str, Any]:
        """ListPiiEntitiesDetectionJobs, paginated with NextToken and MaxResults."""
        unknown = [k for k in request if k not in ("Filter", "NextToken", "MaxResults")]
        if unknown:
            raise InvalidRequestException(f'Unknown parameter in input: "{unknown[0]}", must be '
                                          'one of: Filter, NextToken, MaxResults')
        checked_filter = check_list_filter(request.get("Filter"))
        job_filter = filter_from_wire(checked_filter)
        limit = request.get("MaxResults", 100)
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 500:
            raise validation_error(limit, "maxResults", "Member must have value between 1 and 500")
        newest_first = job_filter.submitted_after is not None
        signature = _digest(checked_filter)[:16]
        after = self._decode_token(request.get("NextToken"), signature)
        jobs = [self._reap(j) for j in self.store.query(job_filter, after, limit + 1,
                                                        newest_first)]
        response: dict[str, Any] = {
            "PiiEntitiesDetectionJobPropertiesList": [self.properties(j) for j in jobs[:limit]]}
        if len(jobs) > limit:
            last = jobs[limit - 1]
            response["NextToken"] = base64.urlsafe_b64encode(json.dumps(
                [last.submit_time, last.job_id, signature]).encode()).decode()
        return response

    @staticmethod
    def _decode_token(token: Any, signature: str) -> tuple[float, str] | None:
        if token is None:
            return None
        try:
            submit_time, job_id, token_signature = json.loads(base64.urlsafe_b64decode(token))
            if token_signature != signature:
                raise ValueError("the token belongs to another filter")
            return float(submit_time), str(job_id)
        except (ValueError, TypeError, json.JSONDecodeError) as error:
            raise InvalidRequestException(f"Invalid NextToken: {error}") from None

    # -- Stop -------------------------------------------------------------------------

    def stop(self, **request: Any) -> dict[str, Any]:
        """StopPiiEntitiesDetectionJob."""
        job = self._reap(self._job(request))
        if job.status in (JobStatus.STOP_REQUESTED, JobStatus.STOPPED):
            return {"JobId": job.job_id, "JobStatus": str(job.status)}
        check_transition(job.status, JobStatus.STOP_REQUESTED)
        updated = self.store.update(job.job_id, {JobStatus.SUBMITTED, JobStatus.IN_PROGRESS},
                                    status=JobStatus.STOP_REQUESTED)
        if updated is None:  # it ended meanwhile
            current = self.store.get(job.job_id) or job
            check_transition(current.status, JobStatus.STOP_REQUESTED)
            updated = current
        return {"JobId": updated.job_id, "JobStatus": str(updated.status)}

    def run(self, job_id: str, workers: int | None = None) -> Job | None:
        """Run a SUBMITTED job in this process (used by inline launching and tests)."""
        return run_job(job_id, self.store, workers=workers, clock=self.clock)


def _place(uri: str) -> str:
    """Where a URI points, as jobs keep it: an ``s3://`` URI as given, else an absolute
    local path."""
    return uri if is_s3(uri) else str(Path(local_path(uri)).resolve())


def reads_output(input_uri: str, output_uri: str, account: str = DEFAULT_ACCOUNT) -> bool:
    """Would a job over `input_uri` read what it writes under `output_uri`?

    A folder reads everything below it; a prefix (``pre/d``) reads every entry of its
    folder whose name starts with it, and all below those (both paths resolved). In S3 a
    prefix reads every key that starts with it: the write probe and the job folders
    ``<account>-PII-...`` too.

    >>> reads_output("/data/in", "/data/in/out"), reads_output("/data/in", "/data/out")
    (True, False)
    >>> reads_output("/data/pre/d", "/data/pre/dout")
    True
    >>> reads_output("s3://b/docs/", "s3://b/docs/out/"), reads_output("s3://b/docs/", "s3://b/out/")
    (True, False)
    >>> reads_output("s3://b/out/0", "s3://b/out/"), reads_output("s3://b/out/a", "s3://b/out/")
    (True, False)
    """
    if is_s3(input_uri) or is_s3(output_uri):
        if not (is_s3(input_uri) and is_s3(output_uri)):
            return False
        (in_bucket, in_key), (out_bucket, out_key) = split_uri(input_uri), split_uri(output_uri)
        out_key = out_key.rstrip("/") + "/" if out_key else ""
        if in_bucket != out_bucket:
            return False
        if out_key.startswith(in_key):
            return True
        rest = in_key[len(out_key):] if in_key.startswith(out_key) else None
        return rest is not None and "/" not in rest and any(
            written.startswith(rest) for written in (WRITE_PROBE, f"{account}-PII-"))
    input_path, output_path = Path(input_uri), Path(output_uri)
    if input_path.is_file():
        return False
    if input_path.is_dir():
        return output_path.is_relative_to(input_path)
    parent = input_path.parent
    if output_path == parent:  # the probe and the job folders sit beside the inputs
        return True
    if not output_path.is_relative_to(parent):
        return False
    return output_path.relative_to(parent).parts[0].startswith(input_path.name)


def default_service(home: str | os.PathLike[str] | None = None,
                    workers: int | None = None, scheduler: str | None = None) -> JobService:
    """The service over the SQLite store under `home`, launching detached workers."""
    path = Path(home) if home else default_home()
    return JobService(open_store(path), launcher=detached_launcher(path, workers, scheduler),
                      home=path)
