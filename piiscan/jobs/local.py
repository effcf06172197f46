"""The local filesystem as a job's storage, and the owner-only files and folders jobs make.

Inputs are read in place (`piiscan.jobs.inputs`: never through a link out of the input
folder); results are staged in the job folder and published under their final names all
at once (`piiscan.jobs.runner` describes the guarantees). Everything a job creates is
owner-only (folders 0700, files 0600), whatever the umask.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from piiscan.jobs.inputs import InputFile, JobFailedError, list_inputs, open_local
from piiscan.jobs.models import ErrorCode, OutputLayout
from piiscan.jobs.tarball import Slice, fsync_directory, publish_file, write_tarball

FOLDER_MODE, FILE_MODE = 0o700, 0o600
WRITE_PROBE = ".write_access_check_file.temp"
STAGING = ".staging"

#: called while publishing, so a long upload still records a heartbeat
Beat = Callable[[], object]


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

    def open(self, source: InputFile, offset: int = 0) -> BinaryIO:
        return open_local(source, offset)

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


__all__ = ["FILE_MODE", "FOLDER_MODE", "STAGING", "WRITE_PROBE", "Beat", "LocalStorage",
           "private_file", "private_folder"]
