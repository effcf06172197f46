"""The four job operations, with the request and response dicts of boto3's client.

`JobService` holds a store, a clock, an id factory and a launcher (all injectable);
the module functions in `piiscan.jobs` build one over the SQLite store under
`PIISCAN_HOME` for each call. Responses carry datetimes where boto3 does.

A job whose worker process is gone while the job is still SUBMITTED, IN_PROGRESS or
STOP_REQUESTED (killed, machine restarted) is marked FAILED, with a Message, the next
time `describe` or `list` sees it; start the same request again to rerun it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from piiscan.errors import (
    InvalidRequestException, JobNotFoundException, ResourceInUseException,
    TooManyRequestsException, validation_error,
)
from piiscan.jobs.models import Job, JobStatus, check_transition
from piiscan.jobs.requests import (
    _ROLE_ARN_RE, check_job_id, check_list_filter, check_start_request, local_path,
)
from piiscan.jobs.runner import run_job
from piiscan.jobs.store import JobStore, default_home, open_store

DEFAULT_ACCOUNT = "000000000000"
MAX_ACTIVE_JOBS = 10
Launcher = Callable[[Job], int | None]


def _join_uri(prefix: str, *parts: str) -> str:
    return prefix.rstrip("/") + "/" + "/".join(parts) + "/"


def _digest(request: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()


def _when(epoch: float | None) -> datetime | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, tz=timezone.utc)


def process_is_running(pid: int) -> bool:
    """True if `pid` is a live process that is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return True


def detached_launcher(home: Path, workers: int | None = None) -> Launcher:
    """Start `python -m piiscan.jobs.worker JOB_ID` in a new session; return its pid."""
    def launch(job: Job) -> int:
        logs = home / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "piiscan.jobs.worker", "--home", str(home), job.job_id]
        if workers:
            command[4:4] = ["--workers", str(workers)]
        with open(logs / f"{job.job_id}.log", "ab") as log_file:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log_file,
                                       stderr=log_file, start_new_session=True, close_fds=True)
        return process.pid
    return launch


class JobService:
    """Start, describe, list and stop PII entity detection jobs."""

    def __init__(self, store: JobStore, *, launcher: Launcher | None = None,
                 clock: Callable[[], float] = time.time,
                 new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
                 region: str | None = None) -> None:
        self.store = store
        self.launcher = launcher
        self.clock = clock
        self.new_id = new_id
        self.region = region or os.environ.get("PIISCAN_REGION", "us-east-1")

    # -- Start ------------------------------------------------------------------------

    def start(self, **request: Any) -> dict[str, Any]:
        """StartPiiEntitiesDetectionJob."""
        request = check_start_request(request)
        token = request.get("ClientRequestToken")
        digest = _digest({k: v for k, v in request.items() if k != "ClientRequestToken"})
        if token is not None:
            existing = self.store.by_token(token)
            if existing is not None:
                if existing.request_digest != digest:
                    raise ResourceInUseException(
                        f"ClientRequestToken {token!r} was already used for job "
                        f"{existing.job_id} with a different request")
                return self._start_response(existing)
        if self.store.count_active() >= MAX_ACTIVE_JOBS:
            raise TooManyRequestsException(
                f"{MAX_ACTIVE_JOBS} PII detection jobs are already active; wait for one to end")
        input_path = Path(local_path(request["InputDataConfig"]["S3Uri"])).resolve()
        output_path = Path(local_path(request["OutputDataConfig"]["S3Uri"])).resolve()
        if input_path.is_dir() and output_path.is_relative_to(input_path):
            raise InvalidRequestException(
                f"OutputDataConfig.S3Uri {output_path} is inside the input folder {input_path}; "
                "the job would read its own output")
        account, partition = DEFAULT_ACCOUNT, "aws"
        arn = request.get("DataAccessRoleArn")
        if arn:
            match = _ROLE_ARN_RE.fullmatch(arn)
            account = arn.split(":")[4]
            partition = "aws" + (match.group(1) or "") if match else "aws"
        job_id = self.new_id()
        output_uri = _join_uri(request["OutputDataConfig"]["S3Uri"], f"{account}-PII-{job_id}",
                               "output")
        job = Job(
            job_id=job_id,
            job_arn=f"arn:{partition}:comprehend:{self.region}:{account}:"
                    f"pii-entities-detection-job/{job_id}",
            status=JobStatus.SUBMITTED, submit_time=self.clock(), request=request,
            output_uri=output_uri, account_id=account, client_token=token, request_digest=digest,
            extra={"input_path": str(input_path), "output_path": str(output_path)})
        self.store.insert(job)
        if self.launcher is not None:
            pid = self.launcher(job)
            if pid is not None:
                job = self.store.update(job_id, worker_pid=pid) or job
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
        """Mark FAILED an active job whose worker process is gone."""
        if not job.status.is_active or job.worker_pid is None:
            return job
        if process_is_running(job.worker_pid):
            return job
        current = self.store.get(job.job_id)
        if current is None or not current.status.is_active or current.worker_pid != job.worker_pid:
            return current or job
        failed = self.store.update(
            job.job_id, {current.status}, status=JobStatus.FAILED, end_time=self.clock(),
            message=(f"INTERNAL_SERVER_ERROR: the job's worker process ({job.worker_pid}) ended "
                     "before the job did (killed or restarted); no partial output was published. "
                     "Start the job again to rerun it."))
        return failed or self.store.get(job.job_id) or job

    @staticmethod
    def properties(job: Job) -> dict[str, Any]:
        """PiiEntitiesDetectionJobProperties, members in the service model's order."""
        request = job.request
        result: dict[str, Any] = {"JobId": job.job_id, "JobArn": job.job_arn}
        if job.job_name is not None:
            result["JobName"] = job.job_name
        result["JobStatus"] = str(job.status)
        if job.message:
            result["Message"] = job.message
        result["SubmitTime"] = _when(job.submit_time)
        if job.end_time is not None and job.status.is_terminal:
            result["EndTime"] = _when(job.end_time)
        result["InputDataConfig"] = request["InputDataConfig"]
        output: dict[str, Any] = {"S3Uri": job.output_uri}
        if "KmsKeyId" in request["OutputDataConfig"]:
            output["KmsKeyId"] = request["OutputDataConfig"]["KmsKeyId"]
        result["OutputDataConfig"] = output
        if "RedactionConfig" in request:
            result["RedactionConfig"] = request["RedactionConfig"]
        result["LanguageCode"] = request["LanguageCode"]
        if "DataAccessRoleArn" in request:
            result["DataAccessRoleArn"] = request["DataAccessRoleArn"]
        result["Mode"] = request["Mode"]
        result["PiiscanOutputLayout"] = request.get("PiiscanOutputLayout", "TARBALL")
        result["PiiscanProgress"] = {"DocumentsProcessed": job.documents_done,
                                     "DocumentsTotal": job.documents_total}
        return result

    # -- List -------------------------------------------------------------------------

    def list(self, **request: Any) -> dict[str, Any]:
        """ListPiiEntitiesDetectionJobs, paginated with NextToken and MaxResults."""
        unknown = [k for k in request if k not in ("Filter", "NextToken", "MaxResults")]
        if unknown:
            raise InvalidRequestException(f'Unknown parameter in input: "{unknown[0]}", must be '
                                          'one of: Filter, NextToken, MaxResults')
        flt = check_list_filter(request.get("Filter"))
        limit = request.get("MaxResults", 100)
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 500:
            raise validation_error(limit, "maxResults", "Member must have value between 1 and 500")
        newest_first = "SubmitTimeAfter" in flt
        signature = _digest(flt)[:16]
        after = self._decode_token(request.get("NextToken"), signature)
        jobs = [self._reap(j) for j in self.store.query(flt, after, limit + 1, newest_first)]
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


def default_service(home: str | os.PathLike[str] | None = None,
                    workers: int | None = None) -> JobService:
    """The service over the SQLite store under `home`, launching detached workers."""
    path = Path(home) if home else default_home()
    return JobService(open_store(path), launcher=detached_launcher(path, workers))
