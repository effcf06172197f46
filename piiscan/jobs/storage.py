"""Where a job's inputs and outputs live: one small protocol, picked by the URI's scheme.

`Storage` is all the runner, the inputs and the service know of a place: list the inputs
under a URI, open one as a stream, probe write access, give the job folder and a local
staging folder, publish the staged results, and discard what an unfinished run left.
`LocalStorage` is the filesystem (paths and ``file://`` URIs); `piiscan.jobs.s3.S3Storage`
is any S3-compatible store (``s3://``), loaded only when a job names one.

>>> storage_for("s3://bucket/docs/").scheme, storage_for("file:///data").scheme
('s3', 'file')
>>> storage_for("/data/docs").job_folder("/data/out", "123-PII-abc")
'/data/out/123-PII-abc'
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from piiscan.jobs.inputs import InputFile, JobFailedError, list_inputs, open_regular
from piiscan.jobs.models import ErrorCode, OutputLayout
from piiscan.jobs.tarball import Slice, fsync_directory, publish_file, write_tarball

FOLDER_MODE, FILE_MODE = 0o700, 0o600
WRITE_PROBE = ".write_access_check_file.temp"
STAGING = ".staging"

Beat = Callable[[], object]


class Storage(Protocol):
    """A place jobs read from and write to (see the module docstring)."""

    @property
    def scheme(self) -> str: ...

    def list_inputs(self, uri: str, exclude: str | None = None) -> list[InputFile]:
        """The inputs `uri` selects, sorted by name; `exclude` is a job folder to skip."""
        ...

    def open(self, source: InputFile) -> BinaryIO:
        """One input as a binary stream (never read whole for line files)."""
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


def split_uri(uri: str) -> tuple[str, str]:
    """``s3://bucket/key`` -> (bucket, key).

    >>> split_uri("s3://my-bucket/docs/a.txt"), split_uri("s3://my-bucket")
    (('my-bucket', 'docs/a.txt'), ('my-bucket', ''))
    """
    bucket, _, key = uri[len("s3://"):].partition("/")
    return bucket, key


def storage_for(uri: str) -> Storage:
    """The storage a URI's scheme names: ``s3://`` or the local filesystem."""
    if is_s3(uri):
        from piiscan.jobs.s3 import S3Storage  # boto3 is an optional extra

        s3: Storage = S3Storage()
        return s3
    return LocalStorage()


def private_file(path: Path) -> BinaryIO:
    """Open a new owner-only file for writing (0600 whatever the umask)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.fchmod(descriptor, FILE_MODE)
    return os.fdopen(descriptor, "wb")


def private_folder(path: Path) -> None:
    """Create `path` and its missing parents owner-only; leave existing ones as they are."""
    missing = []
    while not path.is_dir():
        missing.append(path)
        if path.parent == path:
            break
        path = path.parent
    for folder in reversed(missing):
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
        os.chmod(folder, FOLDER_MODE)


@dataclass(frozen=True)
class LocalStorage:
    """The local filesystem: inputs are read in place, results staged beside their
    final names and renamed into place (`piiscan.jobs.runner` describes the guarantees)."""

    scheme: str = "file"

    def list_inputs(self, uri: str, exclude: str | None = None) -> list[InputFile]:
        return list_inputs(Path(uri), exclude=Path(exclude).resolve() if exclude else None)

    def open(self, source: InputFile) -> BinaryIO:
        return open_regular(source.path)

    def job_folder(self, prefix: str, name: str) -> str:
        return str(Path(prefix) / name)

    def staging(self, folder: str, job_id: str) -> Path:
        return Path(folder) / STAGING

    def probe_write(self, prefix: str, kms_key_id: str | None = None) -> None:
        try:
            private_folder(Path(prefix))
            with private_file(Path(prefix) / WRITE_PROBE):
                pass
        except OSError as error:
            raise JobFailedError(ErrorCode.NO_WRITE_ACCESS_TO_OUTPUT,
                                 f"cannot write to {error.filename or prefix}: "
                                 f"{error.strerror}") from None

    def publish(self, members: Mapping[str, Slice], folder: str, layout: OutputLayout,
                staging: Path, kms_key_id: str | None, beat: Beat) -> None:
        output = Path(folder) / "output"
        try:
            if layout == OutputLayout.TARBALL:
                private_folder(output)
                write_tarball(output / "output.tar.gz", members, mode=FILE_MODE,
                              on_member=beat)
                return
            staged = staging / "output"
            private_folder(staged)
            for name, piece in sorted(members.items()):
                target = staged / name
                private_folder(target.parent)
                publish_file(piece, target, mode=FILE_MODE)
                beat()
            fsync_directory(staged)
            os.rename(staged, output)  # the whole set appears at once
            fsync_directory(output.parent)
        except OSError as error:
            raise JobFailedError(ErrorCode.NO_WRITE_ACCESS_TO_OUTPUT,
                                 f"cannot write {error.filename or output}: "
                                 f"{error.strerror}") from None

    def discard(self, folder: str, job_id: str) -> None:
        shutil.rmtree(Path(folder) / STAGING, ignore_errors=True)
        output = Path(folder) / "output"
        if output.is_dir():
            for leftover in output.glob(".*.tmp"):
                leftover.unlink(missing_ok=True)


__all__ = ["FILE_MODE", "FOLDER_MODE", "STAGING", "WRITE_PROBE", "LocalStorage", "Storage",
           "is_s3", "private_file", "private_folder", "split_uri", "storage_for"]
