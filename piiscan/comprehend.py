"""`piiscan.client("comprehend")`: boto3's Comprehend client, in process.

The same method names, keyword arguments, answers and exception classes as
`boto3.client("comprehend")` for the six PII operations, so code written against boto3
switches by changing one line, and `piiscan serve` dispatches every request through
one of these objects.

>>> comprehend = client("comprehend")
>>> comprehend.detect_pii_entities(Text="SSN 212-67-4013", LanguageCode="en")["Entities"][0]["Type"]
'SSN'
>>> try:
...     comprehend.describe_pii_entities_detection_job(JobId="0" * 32)
... except comprehend.exceptions.JobNotFoundException as error:
...     print(error.code)
JobNotFoundException
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from piiscan import errors
from piiscan.api import DEFAULT_SCANNER, Scanner
from piiscan.jobs.service import JobService, default_service

_EXCEPTIONS = types.SimpleNamespace(**{
    name: getattr(errors, name) for name in dir(errors)
    if isinstance(getattr(errors, name), type) and issubclass(getattr(errors, name),
                                                               errors.PiiscanError)})


class Paginator:
    """`get_paginator("list_pii_entities_detection_jobs")`: pages that follow NextToken."""

    def __init__(self, method: Callable[..., dict[str, Any]]) -> None:
        self._method = method

    def paginate(self, **request: Any) -> Iterator[dict[str, Any]]:
        """Every page; `PaginationConfig={"PageSize": n, "MaxItems": m}` as boto3 takes it."""
        config = request.pop("PaginationConfig", None) or {}
        if config.get("PageSize"):
            request["MaxResults"] = config["PageSize"]
        remaining = config.get("MaxItems")
        token = config.get("StartingToken")
        while True:
            page = self._method(**request, **({"NextToken": token} if token else {}))
            items = page["PiiEntitiesDetectionJobPropertiesList"]
            if remaining is not None:
                page["PiiEntitiesDetectionJobPropertiesList"] = items = items[:remaining]
                remaining -= len(items)
            yield page
            token = page.get("NextToken")
            if not token or remaining == 0:
                return


class ComprehendClient:
    """The PII operations of boto3's Comprehend client, run here.

    `scanner` detects (default: `piiscan.DEFAULT_SCANNER`); `service` runs the jobs
    (default: the SQLite store under `home`, or `PIISCAN_HOME`).
    """

    exceptions = _EXCEPTIONS

    def __init__(self, *, scanner: Scanner = DEFAULT_SCANNER, service: JobService | None = None,
                 home: str | Path | None = None) -> None:
        self.scanner = scanner
        self._service = service
        self._home = home

    @property
    def service(self) -> JobService:
        """The job service, opened on first use."""
        if self._service is None:
            self._service = default_service(self._home)
        return self._service

    def detect_pii_entities(self, *, Text: str, LanguageCode: str) -> dict[str, Any]:  # noqa: N803
        """DetectPiiEntities."""
        return self.scanner.detect(Text, LanguageCode)

    def contains_pii_entities(self, *, Text: str, LanguageCode: str) -> dict[str, Any]:  # noqa: N803
        """ContainsPiiEntities."""
        return self.scanner.contains(Text, LanguageCode)

    def start_pii_entities_detection_job(self, **request: Any) -> dict[str, Any]:
        """StartPiiEntitiesDetectionJob."""
        return self.service.start(**request)

    def describe_pii_entities_detection_job(self, **request: Any) -> dict[str, Any]:
        """DescribePiiEntitiesDetectionJob(JobId=...)."""
        return self.service.describe(**request)

    def list_pii_entities_detection_jobs(self, **request: Any) -> dict[str, Any]:
        """ListPiiEntitiesDetectionJobs(Filter=..., NextToken=..., MaxResults=...)."""
        return self.service.list(**request)

    def stop_pii_entities_detection_job(self, **request: Any) -> dict[str, Any]:
        """StopPiiEntitiesDetectionJob(JobId=...)."""
        return self.service.stop(**request)

    def get_paginator(self, operation_name: str) -> Paginator:
        """The paginator boto3 has for this client: list_pii_entities_detection_jobs."""
        if operation_name != "list_pii_entities_detection_jobs":
            raise errors.InvalidRequestException(
                f"No paginator for {errors.shown(operation_name)}; piiscan pages "
                "list_pii_entities_detection_jobs")
        return Paginator(self.list_pii_entities_detection_jobs)

    def can_paginate(self, operation_name: str) -> bool:
        """As boto3's client answers it."""
        return operation_name == "list_pii_entities_detection_jobs"


def client(service_name: str = "comprehend", **options: Any) -> ComprehendClient:
    """`piiscan.client("comprehend")`, as `boto3.client("comprehend")`; `options` go to
    `ComprehendClient` (scanner, service, home)."""
    if service_name != "comprehend":
        raise errors.InvalidRequestException(
            f"piiscan is a Comprehend client; {errors.shown(service_name)} is not served")
    return ComprehendClient(**options)


__all__ = ["ComprehendClient", "Paginator", "client"]
