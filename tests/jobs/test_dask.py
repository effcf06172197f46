"""Jobs on a Dask cluster (a real LocalCluster of 2 worker processes): the same output."""

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from piiscan.entities import EntityType
from piiscan.jobs import JobStatus, run_job
from piiscan.jobs.dask import ClusterExecutor, dask_executor
from piiscan.jobs.inputs import JobFailedError
from piiscan.jobs.local import LocalStorage
from piiscan.testing.documents import build_document
from piiscan.testing.values import RandomChooser
from tests.jobs.helpers import StopAfterProgress, read_outputs, records, service, start

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", host="127.0.0.1") as local:
        yield local


def _write_inputs(folder, files=3, lines=150, seed=5):
    folder.mkdir()
    chooser = RandomChooser(random.Random(seed))
    types = [t.value for t in EntityType]
    for index in range(files):
        documents = [build_document(chooser, types, entity_count=n % 4, filler_count=2,
                                    unicode=n % 5 == 0, single_line=True).text
                     for n in range(lines)]
        (folder / f"part-{index}.txt").write_text("\n".join(documents) + "\n", encoding="utf-8")


def _tarball(root, job_id):
    return (root / f"000000000000-PII-{job_id}" / "output" / "output.tar.gz").read_bytes()


def test_a_job_on_dask_writes_the_same_tarball_as_on_local_processes(cluster, tmp_path,
                                                                      monkeypatch):
    _write_inputs(tmp_path / "in")
    local = service()
    local_id = start(local, tmp_path / "in", tmp_path / "local")
    assert run_job(local_id, local.store, workers=2).status == JobStatus.COMPLETED

    def no_reading_here(self, source, offset=0):
        raise AssertionError("the coordinator read an input")

    monkeypatch.setattr(LocalStorage, "open", no_reading_here)  # the Dask workers read
    on_dask = service()
    dask_id = start(on_dask, tmp_path / "in", tmp_path / "dask")
    with dask_executor(cluster.scheduler_address) as executor:  # parts of 3 KB: many lines cut
        job = run_job(dask_id, on_dask.store, executor=executor, chunk_bytes=3000)
    assert job.status == JobStatus.COMPLETED and job.documents_done == 450
    assert _tarball(tmp_path / "dask", dask_id) == _tarball(tmp_path / "local", local_id)


def test_a_files_job_on_dask_writes_the_same_tarball_and_fills_the_cluster(cluster, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    chooser = RandomChooser(random.Random(9))
    types = [t.value for t in EntityType]
    for index in range(900):  # chunks of 200 files (the fewest); one file 400 times longer
        text = build_document(chooser, types, entity_count=index % 4, filler_count=2,
                              unicode=index % 5 == 0).text
        (folder / f"d{index:04}.txt").write_text(text * (400 if index == 450 else 1),
                                                 encoding="utf-8")
    local = service()
    local_id = start(local, folder, tmp_path / "local", InputDataConfig={
        "InputFormat": "ONE_DOC_PER_FILE"})
    assert run_job(local_id, local.store, workers=2).status == JobStatus.COMPLETED
    on_dask = service()
    dask_id = start(on_dask, folder, tmp_path / "dask", InputDataConfig={
        "InputFormat": "ONE_DOC_PER_FILE"})
    with dask_executor(cluster.scheduler_address) as executor:
        assert executor.threads == 2  # the cluster's width, which the job keeps busy
        job = run_job(dask_id, on_dask.store, workers=executor.threads, executor=executor)
    assert job.status == JobStatus.COMPLETED and job.documents_done == 900
    assert _tarball(tmp_path / "dask", dask_id) == _tarball(tmp_path / "local", local_id)


def test_a_dask_worker_killed_mid_job_changes_nothing(tmp_path):
    _write_inputs(tmp_path / "in", files=2, lines=1000, seed=9)
    local = service()
    local_id = start(local, tmp_path / "in", tmp_path / "local")
    run_job(local_id, local.store, workers=1)
    killed_at: list[int] = []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", host="127.0.0.1") as own:
        with distributed.Client(own) as client:
            victim = next(iter(client.run(os.getpid).values()))
        on_dask = service()
        dask_id = start(on_dask, tmp_path / "in", tmp_path / "dask")

        def kill_mid_job() -> None:
            while True:
                job = on_dask.store.get(dask_id)
                if job is not None and (job.documents_done or 0) >= 100:
                    killed_at.append(job.documents_done)
                    os.kill(victim, signal.SIGKILL)
                    return
                if job is not None and job.status.is_terminal:
                    return
                time.sleep(0.02)

        killer = threading.Thread(target=kill_mid_job)
        with dask_executor(own.scheduler_address) as executor:
            killer.start()
            job = run_job(dask_id, on_dask.store, executor=executor, chunk_bytes=2000)
        killer.join()
    assert killed_at and killed_at[0] < 2000  # a worker died while chunks were left
    assert job.status == JobStatus.COMPLETED and job.documents_done == 2000
    assert _tarball(tmp_path / "dask", dask_id) == _tarball(tmp_path / "local", local_id)


def test_the_cli_runs_a_job_on_the_scheduler_it_is_given(tmp_path):
    _write_inputs(tmp_path / "in", files=1, lines=30)
    home = tmp_path / "home"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", host="127.0.0.1") as own:
        command = [sys.executable, "-m", "piiscan", "start-pii-entities-detection-job",
                   "--input-uri", str(tmp_path / "in"), "--output-uri", str(tmp_path / "out"),
                   "--mode", "ONLY_OFFSETS", "--home", str(home),
                   "--scheduler", own.scheduler_address, "--wait"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        ran_there = "process_chunk" in own.scheduler.task_prefixes
    assert result.returncode == 0, result.stderr[-2000:]
    assert ran_there  # the chunks were tasks of that cluster
    [tarball] = (tmp_path / "out").glob("*/output/output.tar.gz")
    assert tarball.stat().st_size > 0


def test_an_unreachable_scheduler_fails_the_job_and_says_where(tmp_path):
    _write_inputs(tmp_path / "in", files=1, lines=3)
    home = tmp_path / "home"
    command = [sys.executable, "-m", "piiscan", "start-pii-entities-detection-job",
               "--input-uri", str(tmp_path / "in"), "--output-uri", str(tmp_path / "out"),
               "--mode", "ONLY_OFFSETS", "--home", str(home),
               "--scheduler", "tcp://127.0.0.1:9", "--wait"]
    env = {**os.environ, "PIISCAN_DASK_CONNECT_SECONDS": "2"}
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False,
                            env=env)
    assert result.returncode != 0
    assert "tcp://127.0.0.1:9" in result.stdout + result.stderr


@contextlib.contextmanager
def _scheduler_of_its_own(folder):
    """A scheduler and one worker of one thread, each in a process of its own as users
    start them; yields (address, the scheduler's process)."""
    address_file = folder / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler",
                                  "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                  "--scheduler-file", str(address_file)], **quiet)
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(address_file.read_text())["address"]
        worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address,
                                   "--nthreads", "1", "--no-dashboard"], **quiet)
        yield address, scheduler
    finally:
        for process in (scheduler, worker):
            if process is not None:
                process.kill()
                process.wait()


def test_a_scheduler_lost_mid_job_fails_the_job_and_says_which(tmp_path, monkeypatch):
    monkeypatch.setenv("PIISCAN_DASK_CONNECT_SECONDS", "2")  # how long the client retries
    _write_inputs(tmp_path / "in", files=2, lines=1500, seed=3)
    with _scheduler_of_its_own(tmp_path) as (address, scheduler):
        svc = service()
        job_id = start(svc, tmp_path / "in", tmp_path / "out")

        def kill_scheduler_mid_job() -> None:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                job = svc.store.get(job_id)
                if job.status.is_terminal:
                    return
                if (job.documents_done or 0) >= 50:
                    scheduler.kill()
                    return
                time.sleep(0.02)

        killer = threading.Thread(target=kill_scheduler_mid_job)
        with dask_executor(address) as executor:
            killer.start()
            job = run_job(job_id, svc.store, executor=executor, chunk_bytes=4000)
        killer.join()
    assert job.status == JobStatus.FAILED
    assert job.message == (f"INTERNAL_SERVER_ERROR: the Dask scheduler at {address} went away "
                           "mid-job; the job was not finished and nothing was published")
    assert 50 <= job.documents_done < 3000
    folder = tmp_path / "out" / f"000000000000-PII-{job_id}"
    assert not (folder / "output").exists() and not (folder / ".staging").exists()


def test_once_the_scheduler_is_lost_chunks_in_flight_and_later_ones_fail(tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("PIISCAN_DASK_CONNECT_SECONDS", "2")  # how long the client retries
    with _scheduler_of_its_own(tmp_path) as (address, scheduler), \
            dask_executor(address) as executor:
        running = executor.submit(time.sleep, 60)
        scheduler.kill()
        assert isinstance(running.exception(timeout=30), JobFailedError)
        late = executor.submit(time.sleep, 0)  # the client is reconnecting, or gave up
        assert isinstance(late.exception(timeout=30), JobFailedError)
        assert str(late.exception()) == (
            f"INTERNAL_SERVER_ERROR: the Dask scheduler at {address} went away mid-job; "
            "the job was not finished and nothing was published")


def test_a_chunk_the_client_leaves_unsettled_fails_when_the_scheduler_goes():
    # Seen in CI, and here in about 1 run in 7 of the test above: the scheduler was
    # killed, the client cancelled the other chunks and left one neither done nor
    # cancelled, and the job waited for it for ever. Any chunk
    # still unsettled when the client loses its scheduler must fail, whatever the
    # client does with it.
    release, connected = threading.Event(), threading.Event()
    connected.set()
    with ThreadPoolExecutor(max_workers=1) as inner:
        executor = ClusterExecutor(inner, "tcp://127.0.0.1:8786", 1, connected.is_set)
        stuck = executor.submit(release.wait)
        try:
            assert not stuck.done()
            connected.clear()
            error = stuck.exception(timeout=10)
        finally:
            release.set()
    assert isinstance(error, JobFailedError) and "tcp://127.0.0.1:8786 went away" in str(error)
    assert stuck.exception() is error  # the chunk's own late answer changes nothing
    assert isinstance(executor.submit(sum, [1]).exception(timeout=0), JobFailedError)


def test_a_stop_request_ends_a_job_on_dask_within_seconds_keeping_a_prefix(cluster, tmp_path):
    _write_inputs(tmp_path / "in", files=1, lines=3000, seed=4)
    svc = service(StopAfterProgress(after=100))
    job_id = start(svc, tmp_path / "in", tmp_path / "out")
    with dask_executor(cluster.scheduler_address) as executor:
        began = time.monotonic()
        job = run_job(job_id, svc.store, executor=executor, chunk_bytes=8000)
        seconds = time.monotonic() - began
    assert job.status == JobStatus.STOPPED and 100 <= job.documents_done < 3000
    assert seconds < 60  # the whole job takes several minutes on two workers
    out = records(read_outputs(tmp_path / "out")["part-0.txt.out"])
    assert [r["Line"] for r in out] == list(range(job.documents_done))  # a prefix, in order
