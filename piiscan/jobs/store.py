"""Where job records live: `SqliteStore` (the embedded default) and `MemoryStore` (tests).

Both keep the same `Job` records and answer the same queries. Status changes are
compare-and-set: `update(job_id, expected=...)` only writes when the job is still in
one of the expected statuses, so a stop request and a finishing worker cannot
overwrite each other. SQLite runs in WAL mode with a busy timeout, and each write is
one short IMMEDIATE transaction, so several CLI calls and workers can share the file.
The home folder is created 0700 and the database 0600 (SQLite gives its WAL files the
database's mode), whatever the umask.

>>> store = MemoryStore()
>>> from piiscan.jobs.models import InputSpec, JobRequest, Mode, OutputSpec
>>> request = JobRequest(InputSpec("in"), OutputSpec("out"), Mode.ONLY_OFFSETS, "en")
>>> job = Job("a" * 32, "arn", JobStatus.SUBMITTED, 1.0, request, "out/", "000000000000")
>>> store.insert(job)
True
>>> store.update(job.job_id, {JobStatus.IN_PROGRESS}, status=JobStatus.COMPLETED) is None
True
>>> store.update(job.job_id, {JobStatus.SUBMITTED}, status=JobStatus.IN_PROGRESS).status
<JobStatus.IN_PROGRESS: 'IN_PROGRESS'>
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from piiscan.jobs.models import Job, JobFilter, JobStatus
from piiscan.jobs.wire import request_from_wire, request_to_wire

_COLUMNS = ("job_id", "job_arn", "status", "submit_time", "request", "output_uri", "account_id",
            "client_token", "request_digest", "end_time", "message", "worker_pid", "heartbeat",
            "documents_done", "documents_total", "extra")
_JSON_COLUMNS = ("request", "extra")
_ACTIVE = "(" + ", ".join(f"'{s}'" for s in JobStatus if s.is_active) + ")"


class JobStore(Protocol):
    """What the job operations and the runner need from a store."""

    def insert(self, job: Job, max_active: int | None = None) -> bool:
        """Store a new job; with `max_active`, only if fewer jobs are active (one step,
        so concurrent starts cannot exceed it). False when the limit refused it."""
        ...

    def active(self) -> list[Job]:
        """Every job that is SUBMITTED, IN_PROGRESS or STOP_REQUESTED."""
        ...

    def get(self, job_id: str) -> Job | None: ...

    def by_token(self, token: str) -> Job | None: ...

    def update(self, job_id: str, expected: Iterable[JobStatus] | None = None,
               **changes: Any) -> Job | None: ...

    def query(self, job_filter: JobFilter, after: tuple[float, str] | None, limit: int,
              newest_first: bool) -> list[Job]: ...

    def count_active(self) -> int: ...


class MemoryStore:
    """Jobs in a dict: for tests and single-process use."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def insert(self, job: Job, max_active: int | None = None) -> bool:
        with self._lock:
            if job.job_id in self._jobs:
                raise KeyError(job.job_id)
            if max_active is not None and self.count_active() >= max_active:
                return False
            self._jobs[job.job_id] = job
            return True

    def active(self) -> list[Job]:
        return [j for j in self._jobs.values() if j.status.is_active]

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def by_token(self, token: str) -> Job | None:
        return next((j for j in self._jobs.values() if j.client_token == token), None)

    def update(self, job_id: str, expected: Iterable[JobStatus] | None = None,
               **changes: Any) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or (expected is not None and job.status not in set(expected)):
                return None
            job = dataclasses.replace(job, **changes)
            self._jobs[job_id] = job
            return job

    def query(self, job_filter: JobFilter, after: tuple[float, str] | None, limit: int,
              newest_first: bool) -> list[Job]:
        jobs = sorted((j for j in self._jobs.values() if job_filter.matches(j)),
                      key=lambda j: (j.submit_time, j.job_id), reverse=newest_first)
        if after is not None:
            jobs = [j for j in jobs if ((j.submit_time, j.job_id) < after if newest_first
                                        else (j.submit_time, j.job_id) > after)]
        return jobs[:limit]

    def count_active(self) -> int:
        return sum(1 for j in self._jobs.values() if j.status.is_active)


class SqliteStore:
    """Jobs in one SQLite file (WAL), safe to share between processes."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        private_home(self.path.parent)
        if not self.path.exists():  # owner-only from the start: it holds job names and paths
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
            os.chmod(self.path, 0o600)
        self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                                   check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA busy_timeout = 30000")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.executescript("""
            CREATE TABLE IF NOT EXISTS jobs (
                job_id TEXT PRIMARY KEY, job_arn TEXT NOT NULL, status TEXT NOT NULL,
                submit_time REAL NOT NULL, request TEXT NOT NULL, output_uri TEXT NOT NULL,
                account_id TEXT NOT NULL, client_token TEXT, request_digest TEXT NOT NULL,
                end_time REAL, message TEXT, worker_pid INTEGER, heartbeat REAL,
                documents_done INTEGER NOT NULL DEFAULT 0, documents_total INTEGER,
                extra TEXT NOT NULL DEFAULT '{}', job_name TEXT);
            CREATE INDEX IF NOT EXISTS jobs_by_time ON jobs (submit_time, job_id);
            CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs (status, submit_time);
            CREATE INDEX IF NOT EXISTS jobs_by_name ON jobs (job_name, submit_time);
            CREATE UNIQUE INDEX IF NOT EXISTS jobs_by_token ON jobs (client_token)
                WHERE client_token IS NOT NULL;
        """)

    def close(self) -> None:
        self._db.close()

    @staticmethod
    def _row(job: Job) -> dict[str, Any]:
        row = {name: getattr(job, name) for name in _COLUMNS}
        row["request"] = request_to_wire(job.request)
        for name in _JSON_COLUMNS:
            row[name] = json.dumps(row[name])
        row["status"] = str(job.status)
        row["job_name"] = job.job_name
        return row

    @staticmethod
    def _job(row: sqlite3.Row) -> Job:
        values = {name: row[name] for name in _COLUMNS}
        for name in _JSON_COLUMNS:
            values[name] = json.loads(values[name])
        values["request"] = request_from_wire(values["request"])
        values["status"] = JobStatus(values["status"])
        return Job(**values)

    def insert(self, job: Job, max_active: int | None = None) -> bool:
        row = self._row(job)
        names = ", ".join(row)
        marks = ", ".join(f":{n}" for n in row)
        self._db.execute("BEGIN IMMEDIATE")  # the count and the insert are one transaction
        try:
            if max_active is not None and self.count_active() >= max_active:
                self._db.execute("ROLLBACK")
                return False
            self._db.execute(f"INSERT INTO jobs ({names}) VALUES ({marks})", row)
            self._db.execute("COMMIT")
            return True
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def active(self) -> list[Job]:
        rows = self._db.execute(f"SELECT * FROM jobs WHERE status IN {_ACTIVE}").fetchall()
        return [self._job(r) for r in rows]

    def get(self, job_id: str) -> Job | None:
        row = self._db.execute("SELECT * FROM jobs WHERE job_id = ?", (job_id,)).fetchone()
        return self._job(row) if row else None

    def by_token(self, token: str) -> Job | None:
        row = self._db.execute("SELECT * FROM jobs WHERE client_token = ?", (token,)).fetchone()
        return self._job(row) if row else None

    def update(self, job_id: str, expected: Iterable[JobStatus] | None = None,
               **changes: Any) -> Job | None:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            job = self.get(job_id)
            if job is None or (expected is not None and job.status not in set(expected)):
                self._db.execute("ROLLBACK")
                return None
            job = dataclasses.replace(job, **changes)
            row = self._row(job)
            sets = ", ".join(f"{n} = :{n}" for n in row if n != "job_id")
            self._db.execute(f"UPDATE jobs SET {sets} WHERE job_id = :job_id", row)
            self._db.execute("COMMIT")
            return job
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def query(self, job_filter: JobFilter, after: tuple[float, str] | None, limit: int,
              newest_first: bool) -> list[Job]:
        clauses: list[str] = []
        params: list[Any] = []
        for value, column, op in ((job_filter.name, "job_name", "="),
                                  (job_filter.status, "status", "="),
                                  (job_filter.submitted_before, "submit_time", "<"),
                                  (job_filter.submitted_after, "submit_time", ">")):
            if value is not None:
                clauses.append(f"{column} {op} ?")
                params.append(str(value) if column == "status" else value)
        if after is not None:
            clauses.append("(submit_time, job_id) " + ("<" if newest_first else ">") + " (?, ?)")
            params.extend(after)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        order = "DESC" if newest_first else "ASC"
        rows = self._db.execute(
            f"SELECT * FROM jobs {where} ORDER BY submit_time {order}, job_id {order} LIMIT ?",
            (*params, limit)).fetchall()
        return [self._job(r) for r in rows]

    def count_active(self) -> int:
        row = self._db.execute(f"SELECT COUNT(*) FROM jobs WHERE status IN {_ACTIVE}").fetchone()
        return int(row[0])


def private_home(home: Path) -> None:
    """Create `home` owner-only (0700, whatever the umask); an existing one is left as is."""
    if not home.is_dir():
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(home, 0o700)


def default_home() -> Path:
    """`PIISCAN_HOME`, else `$XDG_DATA_HOME/piiscan`, else `~/.local/share/piiscan`."""
    if os.environ.get("PIISCAN_HOME"):
        return Path(os.environ["PIISCAN_HOME"])
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(data) / "piiscan"


def open_store(home: str | os.PathLike[str] | None = None) -> SqliteStore:
    """The SQLite store under `home` (default: `default_home()`)."""
    return SqliteStore(Path(home or default_home()) / "jobs.sqlite3")
