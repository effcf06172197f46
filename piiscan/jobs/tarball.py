"""A deterministic `output.tar.gz`, written atomically.

Members are sorted by name, with mtime 0, owner 0/0 and the file's mode (0600 for
jobs: they hold personal data); the gzip header carries no name and no time. The
archive is written to a temporary name beside its final path, flushed and fsynced,
then renamed, so a reader never sees a partial file.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "b.txt.out").write_text("{}\\n")
3
>>> member = {"b.txt.out": Slice(folder / "b.txt.out", 0, 3)}
>>> first = write_tarball(folder / "o1.tar.gz", member)
>>> second = write_tarball(folder / "o2.tar.gz", member)
>>> first.read_bytes() == second.read_bytes()
True
"""

from __future__ import annotations

import contextlib
import gzip
import os
import tarfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


@dataclass(frozen=True, slots=True)
class Slice:
    """`length` bytes of the file at `path`, from byte `offset`: one member's content."""

    path: Path
    offset: int
    length: int

    def copy_to(self, target: Path, mode: int = 0o644) -> None:
        """Write the slice to `target` (a new file with `mode`)."""
        with open(self.path, "rb") as source, _new_file(target, mode) as handle:
            source.seek(self.offset)
            remaining = self.length
            while remaining:
                block = source.read(min(remaining, 1 << 20))
                if not block:
                    raise OSError(f"{self.path} ended before its slice did")
                handle.write(block)
                remaining -= len(block)


def fsync_directory(folder: Path) -> None:
    """Make a rename inside `folder` durable."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _new_file(path: Path, mode: int) -> BinaryIO:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    os.fchmod(descriptor, mode)  # whatever the umask
    return os.fdopen(descriptor, "wb")


def write_tarball(target: Path, members: Mapping[str, Slice], *, mode: int = 0o644,
                  on_member: Callable[[], object] | None = None) -> Path:
    """Write `members` (name in archive -> bytes on disk) to `target`, atomically.

    The archive and its members get `mode`; `on_member` is called after each member
    (a long job uses it as its heartbeat).
    """
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with _new_file(temporary, mode) as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as zipped, \
                    tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as archive, \
                    contextlib.ExitStack() as handles:
                opened: dict[Path, BinaryIO] = {}
                for name in sorted(members):
                    piece = members[name]
                    info = tarfile.TarInfo(name)
                    info.size = piece.length
                    info.mtime, info.mode = 0, mode
                    info.uid = info.gid = 0
                    info.uname = info.gname = ""
                    if piece.path not in opened:
                        opened[piece.path] = handles.enter_context(open(piece.path, "rb"))
                    handle = opened[piece.path]
                    handle.seek(piece.offset)
                    archive.addfile(info, handle)
                    if on_member is not None:
                        on_member()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, target)
        fsync_directory(target.parent)
    finally:
        if temporary.exists():
            temporary.unlink()
    return target


def publish_file(piece: Slice, target: Path, *, mode: int = 0o644) -> None:
    """Write a member to its final name atomically (temporary file, fsync, rename)."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        piece.copy_to(temporary, mode)
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()
