"""Start/Describe/List/Stop semantics: ids, ARNs, idempotency, filters, pages, errors."""

import os
import subprocess
import sys
import time
from datetime import datetime, timezone

import pytest

from piiscan.errors import (
    InvalidFilterException, InvalidRequestException, JobNotFoundException,
    ResourceInUseException, TooManyRequestsException, ValidationException,
)
from piiscan.jobs import JobStatus, SqliteStore
from piiscan.jobs.service import process_is_running
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
    assert properties["SubmitTime"].tzinfo == timezone.utc
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
    with pytest.raises(InvalidRequestException, match="inside the input folder"):
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
