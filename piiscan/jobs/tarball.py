"""A deterministic `output.tar.gz`, written atomically.

Members are sorted by name, with mtime 0, owner 0/0 and mode 0644; the gzip header
carries no name and no time. The archive is written to a temporary name beside its
final path, flushed and fsynced, then renamed, so a reader never sees a partial file.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "b.txt.out").write_text("{}\\n")
3
>>> first = write_tarball(folder / "o1.tar.gz", {"b.txt.out": folder / "b.txt.out"})
>>> second = write_tarball(folder / "o2.tar.gz", {"b.txt.out": folder / "b.txt.out"})
>>> first.read_bytes() == second.read_bytes()
True
"""

from __future__ import annotations

import gzip
import os
import tarfile
from collections.abc import Mapping
from pathlib import Path


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


def write_tarball(target: Path, members: Mapping[str, Path]) -> Path:
    """Write `members` (name in archive -> file on disk) to `target`, atomically."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as zipped:
                with tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as archive:
                    for name in sorted(members):
                        source = members[name]
                        info = tarfile.TarInfo(name)
                        info.size = source.stat().st_size
                        info.mtime, info.mode = 0, 0o644
                        info.uid = info.gid = 0
                        info.uname = info.gname = ""
                        with open(source, "rb") as handle:
                            archive.addfile(info, handle)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, target)
        fsync_directory(target.parent)
    finally:
        if temporary.exists():
            temporary.unlink()
    return target


def publish_file(source: Path, target: Path) -> None:
    """Move a finished file to its final name atomically (fsync, then rename)."""
    with open(source, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(source, target)
    fsync_directory(target.parent)
