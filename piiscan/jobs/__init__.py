"""Asynchronous PII detection jobs over local folders, as Comprehend runs them on S3.

The functions take and return the dicts of boto3's Comprehend client, by keyword:

    >>> import tempfile, pathlib
    >>> home, docs, out = tempfile.mkdtemp(), tempfile.mkdtemp(), tempfile.mkdtemp()
    >>> _ = (pathlib.Path(docs) / "a.txt").write_text("SSN 212-67-4013\\nhello\\n")
    >>> service = JobService(open_store(home))          # no launcher: run it here
    >>> started = service.start(InputDataConfig={"S3Uri": docs},
    ...                         OutputDataConfig={"S3Uri": out},
    ...                         Mode="ONLY_OFFSETS", LanguageCode="en")
    >>> started["JobStatus"]
    'SUBMITTED'
    >>> service.run(started["JobId"]).status
    <JobStatus.COMPLETED: 'COMPLETED'>

The module functions use the SQLite store under `PIISCAN_HOME` (default
`~/.local/share/piiscan`) and start each job in a detached worker process.
"""

from __future__ import annotations

from typing import Any

from piiscan.jobs.models import Job, JobStatus
from piiscan.jobs.runner import run_job
from piiscan.jobs.service import JobService, default_service
from piiscan.jobs.store import MemoryStore, SqliteStore, open_store

__all__ = [
    "Job", "JobService", "JobStatus", "MemoryStore", "SqliteStore",
    "describe_pii_entities_detection_job", "list_pii_entities_detection_jobs", "open_store",
    "run_job", "start_pii_entities_detection_job", "stop_pii_entities_detection_job",
]


def start_pii_entities_detection_job(**request: Any) -> dict[str, Any]:
    """StartPiiEntitiesDetectionJob: returns at once with JobStatus SUBMITTED."""
    return default_service().start(**request)


def describe_pii_entities_detection_job(**request: Any) -> dict[str, Any]:
    """DescribePiiEntitiesDetectionJob(JobId=...)."""
    return default_service().describe(**request)


def list_pii_entities_detection_jobs(**request: Any) -> dict[str, Any]:
    """ListPiiEntitiesDetectionJobs(Filter=..., NextToken=..., MaxResults=...)."""
    return default_service().list(**request)


def stop_pii_entities_detection_job(**request: Any) -> dict[str, Any]:
    """StopPiiEntitiesDetectionJob(JobId=...)."""
    return default_service().stop(**request)
