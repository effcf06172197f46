"""Start/Describe/List/Stop semantics: ids, ARNs, idempotency, filters, pages, errors."""

import os
import signal
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest

from piiscan.errors import (
    InternalServerException,
    InvalidFilterException,
    InvalidRequestException,
    JobNotFoundException,
    ResourceInUseException,
    TooManyRequestsException,
    ValidationException,
)
from piiscan.jobs import JobService, JobStatus, MemoryStore, SqliteStore
from piiscan.jobs.models import JobFilter
from piiscan.jobs.service import default_service, process_is_running, process_start
from tests.jobs.helpers import service, start


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("SSN 212-67-4013\n")
    return folder


def test_start_returns_submitted_with_id_and_arn(docs, tmp_path):
    svc = service()
    response = svc.start(InputDataConfig={"S3Uri": str(docs)},
                         OutputDataConfig={"S3Uri": str(tmp_path / "out")}, Mode="ONLY_OFFSETS",
                         LanguageCode="en",
                         DataAccessRoleArn="arn:aws-cn:iam::111122223333:role/R")
    assert response == {
        "JobId": f"{1:032x}", "JobStatus": "SUBMITTED",
        "JobArn": f"arn:aws-cn:comprehend:us-east-1:111122223333:pii-entities-detection-job/{1:032x}"}


def test_describe_shape_before_and_after(docs, tmp_path):
    svc = service()
    job_id = start(svc, docs, f"file://{tmp_path}/out", JobName="demo",
                   OutputDataConfig={"KmsKeyId": "alias/MyKey"})
    properties = svc.describe(JobId=job_id)["PiiEntitiesDetectionJobProperties"]
    assert properties["JobStatus"] == "SUBMITTED" and "EndTime" not in properties
    assert properties["OutputDataConfig"] == {
        "S3Uri": f"file://{tmp_path}/out/000000000000-PII-{job_id}/output/",
        "KmsKeyId": "alias/MyKey"}
    assert isinstance(properties["SubmitTime"], datetime)
    assert properties["SubmitTime"].tzinfo == UTC
    svc.run(job_id)
    properties = svc.describe(JobId=job_id)["PiiEntitiesDetectionJobProperties"]
    assert list(properties)[:6] == ["JobId", "JobArn", "JobName", "JobStatus", "SubmitTime",
                                    "EndTime"]
    assert properties["JobStatus"] == "COMPLETED" and "Message" not in properties
    assert properties["InputDataConfig"] == {"S3Uri": str(docs), "InputFormat": "ONE_DOC_PER_LINE"}


def test_describe_and_stop_unknown_job():
    svc = service()
    with pytest.raises(JobNotFoundException, match="Job not found"):
        svc.describe(JobId="0" * 32)
    with pytest.raises(JobNotFoundException):
        svc.stop(JobId="0" * 32)
    with pytest.raises(ValidationException):
        svc.describe(JobId="x" * 33)
    with pytest.raises(InvalidRequestException, match="JobId"):
        svc.describe()


def test_client_request_token_is_idempotent(docs, tmp_path):
    svc = service()
    first = start(svc, docs, tmp_path / "out", ClientRequestToken="token-1")
    again = start(svc, docs, tmp_path / "out", ClientRequestToken="token-1")
    assert first == again
    with pytest.raises(ResourceInUseException, match="token-1"):
        start(svc, docs, tmp_path / "other", ClientRequestToken="token-1")


def test_output_inside_input_folder_is_refused(docs):
    with pytest.raises(InvalidRequestException, match="would read its own output"):
        start(service(), docs, docs / "results")


def test_too_many_active_jobs(docs, tmp_path):
    svc = service()
    for _ in range(10):
        start(svc, docs, tmp_path / "out")
    with pytest.raises(TooManyRequestsException):
        start(svc, docs, tmp_path / "out")


def test_stop_rules(docs, tmp_path):
    svc = service()
    job_id = start(svc, docs, tmp_path / "out")
    assert svc.stop(JobId=job_id) == {"JobId": job_id, "JobStatus": "STOP_REQUESTED"}
    assert svc.stop(JobId=job_id) == {"JobId": job_id, "JobStatus": "STOP_REQUESTED"}
    svc.run(job_id)
    assert svc.stop(JobId=job_id)["JobStatus"] == "STOPPED"
    done = start(svc, docs, tmp_path / "out")
    svc.run(done)
    with pytest.raises(InvalidRequestException, match="COMPLETED"):
        svc.stop(JobId=done)


def test_list_order_filters_and_pages(docs, tmp_path):
    svc = service()
    ids = [start(svc, docs, tmp_path / "out", JobName="even" if n % 2 == 0 else "odd")
           for n in range(7)]
    for job_id in ids[:3]:
        svc.run(job_id)
    listed = svc.list()["PiiEntitiesDetectionJobPropertiesList"]
    assert [p["JobId"] for p in listed] == ids
    assert [p["JobId"] for p in svc.list(Filter={"JobName": "odd"})[
        "PiiEntitiesDetectionJobPropertiesList"]] == ids[1::2]
    assert len(svc.list(Filter={"JobStatus": "COMPLETED"})[
        "PiiEntitiesDetectionJobPropertiesList"]) == 3
    middle = svc.describe(JobId=ids[3])["PiiEntitiesDetectionJobProperties"]["SubmitTime"]
    after = svc.list(Filter={"SubmitTimeAfter": middle})["PiiEntitiesDetectionJobPropertiesList"]
    assert [p["JobId"] for p in after] == ids[:3:-1]  # newest first
    before = svc.list(Filter={"SubmitTimeBefore": middle.timestamp()})[
        "PiiEntitiesDetectionJobPropertiesList"]
    assert [p["JobId"] for p in before] == ids[:3]  # oldest first
    pages, token = [], None
    while True:
        page = svc.list(MaxResults=3, **({"NextToken": token} if token else {}))
        pages.append([p["JobId"] for p in page["PiiEntitiesDetectionJobPropertiesList"]])
        token = page.get("NextToken")
        if token is None:
            break
    assert pages == [ids[:3], ids[3:6], ids[6:]]


def test_list_errors():
    svc = service()
    with pytest.raises(InvalidFilterException):
        svc.list(Filter={"JobName": "a", "JobStatus": "FAILED"})
    with pytest.raises(ValidationException):
        svc.list(MaxResults=501)
    with pytest.raises(InvalidRequestException, match="NextToken"):
        svc.list(NextToken="garbage!")


def test_dead_worker_is_reported_failed(docs, tmp_path):
    svc = service()
    job_id = start(svc, docs, tmp_path / "out")
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    svc.store.update(job_id, status=JobStatus.IN_PROGRESS, worker_pid=child.pid)
    assert not process_is_running(child.pid)
    properties = svc.describe(JobId=job_id)["PiiEntitiesDetectionJobProperties"]
    assert properties["JobStatus"] == "FAILED"
    assert properties["Message"].startswith("INTERNAL_SERVER_ERROR: the job's worker process")
    assert "EndTime" in properties


def test_zombie_workers_count_as_dead():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    time.sleep(0.5)  # exited, not yet reaped: a zombie
    assert not process_is_running(child.pid)
    child.wait()
    assert process_is_running(os.getpid())


def test_sqlite_store_survives_reopening(docs, tmp_path):
    store = SqliteStore(tmp_path / "home" / "jobs.sqlite3")
    svc = service(store)
    job_id = start(svc, docs, tmp_path / "out", JobName="persisted")
    svc.run(job_id)
    reopened = service(SqliteStore(tmp_path / "home" / "jobs.sqlite3"))
    properties = reopened.describe(JobId=job_id)["PiiEntitiesDetectionJobProperties"]
    assert (properties["JobName"], properties["JobStatus"]) == ("persisted", "COMPLETED")


def test_prefix_inputs_never_read_their_own_output(tmp_path):
    (tmp_path / "pre").mkdir()
    (tmp_path / "pre" / "data.txt").write_text("SSN 212-67-4013\n")
    svc = service()
    with pytest.raises(InvalidRequestException, match="would read its own output"):
        start(svc, tmp_path / "pre" / "d", tmp_path / "pre" / "dout")
    with pytest.raises(InvalidRequestException, match="would read its own output"):
        start(svc, tmp_path / "pre" / "d", tmp_path / "pre")
    job_id = start(svc, tmp_path / "pre" / "d", tmp_path / "pre" / "results")
    assert svc.run(job_id).documents_total == 1
    again = start(svc, tmp_path / "pre" / "d", tmp_path / "pre" / "results")
    assert svc.run(again).documents_total == 1  # the first job's output is not an input


def test_file_uris_mean_what_they_say(docs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "stray.txt").write_text("not an input")
    svc = service()
    relative = start(svc, "file://in", "file://out_rel")
    job = svc.run(relative)
    assert job.documents_total == 1  # ./in only, not the current folder
    output = svc.describe(JobId=relative)["PiiEntitiesDetectionJobProperties"]["OutputDataConfig"]
    written = tmp_path / "out_rel" / f"000000000000-PII-{relative}" / "output"
    assert output["S3Uri"] == written.as_uri() + "/"
    assert (written / "output.tar.gz").exists()
    absolute = start(svc, f"file://{docs}/a.txt", "plain_out")
    assert svc.run(absolute).status == JobStatus.COMPLETED
    output = svc.describe(JobId=absolute)["PiiEntitiesDetectionJobProperties"]["OutputDataConfig"]
    assert output["S3Uri"] == f"{tmp_path}/plain_out/000000000000-PII-{absolute}/output/"
    for ambiguous in ("file:in", "file:/in", "file://", "file://in%20x", "file://in?x=1"):
        with pytest.raises(InvalidRequestException, match="ambiguous"):
            start(svc, ambiguous, "out")


def test_concurrent_starts_never_exceed_the_limit(docs, tmp_path):
    home = tmp_path / "home"
    script = (
        "import sys, multiprocessing as mp\n"
        "from piiscan.errors import TooManyRequestsException\n"
        "from piiscan.jobs import JobService, open_store\n"
        "def go(barrier, results, n):\n"
        "    service = JobService(open_store(sys.argv[1]))\n"
        "    barrier.wait()\n"
        "    try:\n"
        "        service.start(InputDataConfig={'S3Uri': sys.argv[2]},\n"
        "                      OutputDataConfig={'S3Uri': sys.argv[3]},\n"
        "                      Mode='ONLY_OFFSETS', LanguageCode='en')\n"
        "        results.put('ok')\n"
        "    except TooManyRequestsException:\n"
        "        results.put('refused')\n"
        "if __name__ == '__main__':\n"
        "    open_store(sys.argv[1]).close()\n"
        "    barrier, results = mp.Barrier(12), mp.Queue()\n"
        "    workers = [mp.Process(target=go, args=(barrier, results, n)) for n in range(12)]\n"
        "    [w.start() for w in workers]; [w.join() for w in workers]\n"
        "    print(sorted(results.get() for _ in range(12)))\n")
    result = subprocess.run([sys.executable, "-c", script, str(home), str(docs),
                             str(tmp_path / "out")], capture_output=True, text=True, timeout=120,
                            check=True)
    assert result.stdout.strip() == str(["ok"] * 10 + ["refused"] * 2)


def test_a_failed_launch_fails_the_job_and_frees_its_place(docs, tmp_path):
    def broken(job):
        raise FileExistsError(17, "File exists", "logs")

    svc = service(launcher=broken)
    with pytest.raises(InternalServerException, match="could not be started") as caught:
        start(svc, docs, tmp_path / "out")
    [job] = svc.store.query(JobFilter(), None, 10, False)
    assert job.status == JobStatus.FAILED and job.job_id in str(caught.value)
    assert job.message.startswith("INTERNAL_SERVER_ERROR: the job's worker could not be started")
    assert svc.store.count_active() == 0


def test_a_job_whose_worker_never_came_is_reaped(docs, tmp_path):
    clock = [1_700_000_000.0]
    svc = JobService(MemoryStore(), launcher=lambda job: None, clock=lambda: clock[0],
                     launch_grace=30)
    for _ in range(10):
        start(svc, docs, tmp_path / "out")
    with pytest.raises(TooManyRequestsException):
        start(svc, docs, tmp_path / "out")
    clock[0] += 31
    job_id = start(svc, docs, tmp_path / "out")  # the ten never-launched jobs were reaped
    assert svc.describe(JobId=job_id)["PiiEntitiesDetectionJobProperties"]["JobStatus"] == \
        "SUBMITTED"
    failed = svc.list(Filter={"JobStatus": "FAILED"})["PiiEntitiesDetectionJobPropertiesList"]
    assert len(failed) == 10
    assert "did not start within 30 s" in failed[0]["Message"]


def test_a_hung_worker_is_killed_and_its_job_failed(docs, tmp_path):
    clock = [1_700_000_000.0]
    hung = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        svc = JobService(MemoryStore(), launcher=lambda job: hung.pid, clock=lambda: clock[0],
                         stale_after=120)
        job_id = start(svc, docs, tmp_path / "out")
        staging = tmp_path / "out" / f"000000000000-PII-{job_id}" / ".staging"
        staging.mkdir(parents=True)
        (staging / "out.data").write_bytes(b"x" * 1000)
        svc.store.update(job_id, status=JobStatus.IN_PROGRESS, heartbeat=clock[0])
        clock[0] += 100
        assert svc.describe(JobId=job_id)["PiiEntitiesDetectionJobProperties"]["JobStatus"] == \
            "IN_PROGRESS"
        clock[0] += 30
        properties = svc.describe(JobId=job_id)["PiiEntitiesDetectionJobProperties"]
        assert properties["JobStatus"] == "FAILED"
        assert "no sign of life for 130 s" in properties["Message"]
        assert hung.wait(timeout=10) == -signal.SIGKILL
        assert not staging.exists()
    finally:
        hung.kill()
        hung.wait()


def test_a_reused_pid_is_not_the_worker(docs, tmp_path):
    svc = service()
    job_id = start(svc, docs, tmp_path / "out")
    svc.store.update(job_id, status=JobStatus.IN_PROGRESS, worker_pid=os.getpid(),
                     extra={**svc.store.get(job_id).extra, "worker_start": "1"})
    assert svc.describe(JobId=job_id)["PiiEntitiesDetectionJobProperties"]["JobStatus"] == "FAILED"
    assert process_is_running(os.getpid(), process_start(os.getpid()))


def test_the_store_home_and_logs_are_owner_only(docs, tmp_path):
    previous = os.umask(0o022)
    try:
        home = tmp_path / "home"
        svc = default_service(home)
        job_id = svc.start(InputDataConfig={"S3Uri": str(docs)},
                           OutputDataConfig={"S3Uri": str(tmp_path / "out")},
                           Mode="ONLY_OFFSETS", LanguageCode="en")["JobId"]
        deadline = time.time() + 60
        while svc.describe(JobId=job_id)["PiiEntitiesDetectionJobProperties"]["JobStatus"] != \
                "COMPLETED" and time.time() < deadline:
            time.sleep(0.1)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "logs").stat().st_mode) == 0o700
    for path in [home / "jobs.sqlite3", *home.glob("jobs.sqlite3-*"), *home.glob("logs/*")]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
