"""Processes as /proc shows them (Linux): the children of a process, and whether one lives.

For tests and benchmarks that kill a job's worker and check that nothing of it is left.

>>> import os
>>> alive(os.getpid()), os.getpid() in children(os.getppid())
(True, True)
"""

from __future__ import annotations

from pathlib import Path


def _stat_fields(pid: int | str) -> list[bytes] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
    except OSError:
        return None


def children(pid: int) -> set[int]:
    """The pids whose parent is `pid`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(entry.name)
            if fields is not None and int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """`pid` is a process that is not a zombie."""
    fields = _stat_fields(pid)
    return fields is not None and fields[0] != b"Z"


__all__ = ["alive", "children"]
