"""Shared helpers for the job tests."""

import itertools
import json
import tarfile
from pathlib import Path

from piiscan.jobs import JobService, JobStatus, MemoryStore


def service(store=None, **kwargs):
    ids = (f"{n:032x}" for n in itertools.count(1))
    clock = itertools.count(1_700_000_000)
    return JobService(store or MemoryStore(), new_id=lambda: next(ids),
                      clock=lambda: float(next(clock)), **kwargs)


def start(svc, input_uri, output_uri, **changes):
    request = {"InputDataConfig": {"S3Uri": str(input_uri)},
               "OutputDataConfig": {"S3Uri": str(output_uri)},
               "Mode": "ONLY_OFFSETS", "LanguageCode": "en"}
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(request.get(key), dict):
            request[key] = {**request[key], **value}
        else:
            request[key] = value
    return svc.start(**request)["JobId"]


def read_outputs(output_folder: Path) -> dict[str, str]:
    """Member name -> text, from output.tar.gz or from plain .out files."""
    [folder] = [p for p in output_folder.iterdir() if p.is_dir()]
    tarball = folder / "output" / "output.tar.gz"
    if tarball.exists():
        with tarfile.open(tarball) as archive:
            return {m.name: archive.extractfile(m).read().decode() for m in archive.getmembers()}
    return {p.relative_to(folder / "output").as_posix(): p.read_text(encoding="utf-8")
            for p in sorted((folder / "output").rglob("*")) if p.is_file()}


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


class StopAfterProgress(MemoryStore):
    """A store that receives a stop request once `after` documents are reported done."""

    def __init__(self, after: int) -> None:
        super().__init__()
        self.after = after

    def update(self, job_id, expected=None, **changes):
        job = super().update(job_id, expected, **changes)
        if job is not None and job.status == JobStatus.IN_PROGRESS and \
                changes.get("documents_done", 0) >= self.after:
            job = super().update(job_id, {JobStatus.IN_PROGRESS}, status=JobStatus.STOP_REQUESTED)
        return job
