"""Where a job's inputs and outputs live: one small protocol, picked by the URI's scheme.

`Storage` is all the runner, the inputs and the service know of a place: list the inputs
under a URI, open one as a stream, probe write access, give the job folder and a local
staging folder, publish the staged results, and discard what an unfinished run left.
`piiscan.jobs.local.LocalStorage` is the filesystem (paths and ``file://`` URIs);
`piiscan.jobs.s3.S3Storage` is any S3-compatible store (``s3://``), loaded only when a
job names one.

>>> storage_for("s3://bucket/docs/").scheme, storage_for("file:///data").scheme
('s3', 'file')
>>> storage_for("/data/docs").job_folder("/data/out", "123-PII-abc")
'/data/out/123-PII-abc'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO, Protocol

from piiscan.jobs.inputs import InputFile
from piiscan.jobs.local import Beat, LocalStorage
from piiscan.jobs.models import OutputLayout
from piiscan.jobs.tarball import Slice


class Storage(Protocol):
    """A place jobs read from and write to (see the module docstring)."""

    @property
    def scheme(self) -> str: ...

    def list_inputs(self, uri: str, exclude: str | None = None) -> list[InputFile]:
        """The inputs `uri` selects, sorted by name; `exclude` is a job folder to skip."""
        ...

    def open(self, source: InputFile, offset: int = 0) -> BinaryIO:
        """One input as a binary stream from byte `offset` (never read whole for line
        files)."""
        ...

    def job_folder(self, prefix: str, name: str) -> str:
        """The job folder `name` under the output `prefix`."""
        ...

    def staging(self, folder: str, job_id: str) -> Path:
        """The local, owner-only folder where a run of the job stages its results."""
        ...

    def probe_write(self, prefix: str, kms_key_id: str | None = None) -> None:
        """Raise `JobFailedError` (a write-access code) unless `prefix` is writable."""
        ...

    def publish(self, members: Mapping[str, Slice], folder: str, layout: OutputLayout,
                staging: Path, kms_key_id: str | None, beat: Beat) -> None:
        """Make the results visible under `folder`/output, each object whole or not at all."""
        ...

    def discard(self, folder: str, job_id: str) -> None:
        """Remove what an unfinished run left: staging data, partial uploads."""
        ...


def is_s3(uri: str) -> bool:
    return uri.startswith("s3://")


ASSUME_ROLE_VARIABLE = "PIISCAN_S3_ASSUME_ROLE"


def storage_for(uri: str, role_arn: str | None = None) -> Storage:
    """The storage a URI's scheme names: ``s3://`` or the local filesystem. A job's
    `role_arn` is assumed for S3 when ``PIISCAN_S3_ASSUME_ROLE=1`` asks for it."""
    if is_s3(uri):
        from piiscan.jobs.s3 import S3Storage  # boto3 is an optional extra

        assume = os.environ.get(ASSUME_ROLE_VARIABLE, "") in ("1", "true", "yes")
        s3: Storage = S3Storage(role_arn=role_arn if assume else None)
        return s3
    return LocalStorage()


__all__ = ["LocalStorage", "Storage", "is_s3", "storage_for"]
