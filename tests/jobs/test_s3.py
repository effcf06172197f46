"""s3:// jobs against a real S3 API: moto's server, in this process, on 127.0.0.1.

The jobs find the server as users point piiscan at MinIO: through boto3's standard
chain (`AWS_ENDPOINT_URL_S3` and credentials in the environment).
"""

import io
import os
import tarfile

import boto3
import pytest

from piiscan.jobs import JobStatus, run_job
from piiscan.jobs import s3 as s3_module
from piiscan.jobs.inputs import InputFile, documents
from piiscan.jobs.models import OutputLayout
from piiscan.jobs.s3 import MULTIPART_THRESHOLD, S3Storage
from piiscan.jobs.tarball import Slice
from tests.jobs.helpers import read_outputs, records, service, start

LINES = "Hello Zhang Wei, I am John.\n\nSSN 212-67-4013\r\nmail jane.doe@example.com"
FILES = {"docs/a.txt": "Call Alice at (206) 555-0100", "docs/sub/b.txt": "SSN 212-67-4013",
         "docs/folder/": "", "docs2.txt": "not selected by docs/"}


@pytest.fixture
def bucket(s3_endpoint, request):
    """A fresh bucket holding `LINES` and `FILES`."""
    name = "t-" + request.node.name.replace("_", "-")[:40].lower().strip("-")
    client = boto3.client("s3", endpoint_url=s3_endpoint)
    client.create_bucket(Bucket=name)
    client.put_object(Bucket=name, Key="lines/notes.txt", Body=LINES.encode())
    for key, text in FILES.items():
        client.put_object(Bucket=name, Key=key, Body=text.encode())
    return name


def s3():
    return boto3.client("s3")


def s3_outputs(bucket, prefix):
    """Member name -> text of a job's output under `prefix` (tarball or .out objects)."""
    keys = [o["Key"] for o in s3().list_objects_v2(Bucket=bucket, Prefix=prefix)
            .get("Contents", [])]
    tarballs = [k for k in keys if k.endswith("/output/output.tar.gz")]
    if tarballs:
        [key] = tarballs
        data = s3().get_object(Bucket=bucket, Key=key)["Body"].read()
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            return {m.name: archive.extractfile(m).read().decode() for m in archive.getmembers()}
    return {k.split("/output/", 1)[1]: s3().get_object(Bucket=bucket, Key=k)["Body"].read()
            .decode() for k in keys if "/output/" in k}


def local_copy(tmp_path, bucket, prefix):
    """The objects under `prefix` as a local folder (names after the prefix)."""
    folder = tmp_path / "local-in"
    for item in s3().list_objects_v2(Bucket=bucket, Prefix=prefix)["Contents"]:
        if item["Key"].endswith("/"):
            continue
        target = folder / item["Key"][len(prefix):]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(s3().get_object(Bucket=bucket, Key=item["Key"])["Body"].read())
    return folder


def test_a_line_job_over_s3_writes_what_the_local_run_writes(bucket, tmp_path):
    svc = service()
    job_id = start(svc, f"s3://{bucket}/lines/", f"s3://{bucket}/out")
    job = svc.run(job_id)
    assert job.status == JobStatus.COMPLETED, job.message
    assert job.output_uri == f"s3://{bucket}/out/000000000000-PII-{job_id}/output/"
    remote = s3_outputs(bucket, "out/")
    local_svc = service()
    local_svc.run(start(local_svc, local_copy(tmp_path, bucket, "lines/"), tmp_path / "out"))
    assert remote == read_outputs(tmp_path / "out")
    assert [r["Line"] for r in records(remote["notes.txt.out"])] == [0, 1, 2, 3]
    probe = s3().head_object(Bucket=bucket, Key="out/.write_access_check_file.temp")
    assert probe["ContentLength"] == 0


def test_parts_of_a_line_object_are_read_with_ranged_gets(bucket, tmp_path):
    body = "".join(f"line {i}: SSN 212-67-4013, café ☕\r\n" for i in range(300)).encode()
    s3().put_object(Bucket=bucket, Key="big/notes.txt", Body=body)
    svc = service()
    job_id = start(svc, f"s3://{bucket}/big/", f"s3://{bucket}/out")
    job = run_job(job_id, svc.store, workers=1, chunk_bytes=997)  # parts cut inside lines
    assert job.status == JobStatus.COMPLETED and job.documents_done == 300
    remote = s3_outputs(bucket, "out/")
    local_svc = service()
    local_svc.run(start(local_svc, local_copy(tmp_path, bucket, "big/"), tmp_path / "out"))
    assert remote == read_outputs(tmp_path / "out")


def test_a_file_job_with_files_layout_writes_what_the_local_run_writes(bucket, tmp_path):
    svc = service()
    job = svc.run(start(svc, f"s3://{bucket}/docs/", f"s3://{bucket}/results/",
                        InputDataConfig={"InputFormat": "ONE_DOC_PER_FILE"},
                        PiiscanOutputLayout="FILES"))
    assert job.status == JobStatus.COMPLETED, job.message
    remote = s3_outputs(bucket, "results/")
    assert sorted(remote) == ["a.txt.out", "sub/b.txt.out"]  # the folder marker is skipped
    local_svc = service()
    local_svc.run(start(local_svc, local_copy(tmp_path, bucket, "docs/"), tmp_path / "out",
                        InputDataConfig={"InputFormat": "ONE_DOC_PER_FILE"},
                        PiiscanOutputLayout="FILES"))
    assert remote == read_outputs(tmp_path / "out")
    [record] = records(remote["a.txt.out"])
    assert record["File"] == "a.txt"
    assert [(e["Type"], e["BeginOffset"], e["EndOffset"]) for e in record["Entities"]] == [
        ("NAME", 5, 10), ("PHONE", 14, 28)]


def test_an_s3_uri_is_a_key_prefix(bucket):
    svc = service()
    job = svc.run(start(svc, f"s3://{bucket}/docs", f"s3://{bucket}/prefixed/",
                        InputDataConfig={"InputFormat": "ONE_DOC_PER_FILE"}))
    assert job.status == JobStatus.COMPLETED, job.message
    # "docs" selects docs/... and docs2.txt, named after the prefix's last "/"
    assert sorted(s3_outputs(bucket, "prefixed/")) == [
        "docs/a.txt.out", "docs/sub/b.txt.out", "docs2.txt.out"]


def test_many_small_objects_in_a_process_pool(bucket):
    client = s3()
    for n in range(60):
        client.put_object(Bucket=bucket, Key=f"many/{n:03}.txt", Body=f"SSN 212-67-{4000 + n}".encode())
    svc = service()
    job = svc.run(start(svc, f"s3://{bucket}/many/", f"s3://{bucket}/out-many/",
                        InputDataConfig={"InputFormat": "ONE_DOC_PER_FILE"}), workers=2)
    assert job.status == JobStatus.COMPLETED and job.documents_done == 60
    remote = s3_outputs(bucket, "out-many/")
    assert len(remote) == 60
    assert all(records(text)[0]["Entities"][0]["Type"] == "SSN" for text in remote.values())


def test_a_missing_bucket_or_an_empty_prefix_fails_the_job(s3_endpoint, bucket):
    svc = service()
    job = svc.run(start(svc, "s3://no-such-bucket-here/docs/", f"s3://{bucket}/out/"))
    assert job.status == JobStatus.FAILED
    assert job.message.startswith("NO_READ_ACCESS_TO_INPUT: cannot list s3://no-such-bucket-here")
    assert "NoSuchBucket" in job.message
    job = svc.run(start(svc, f"s3://{bucket}/nothing-here/", f"s3://{bucket}/out/"))
    assert job.status == JobStatus.FAILED and job.message.startswith("NO_INPUT_DATA: ")


def test_an_unwritable_output_fails_the_job_and_uploads_nothing(bucket):
    svc = service()
    job = svc.run(start(svc, f"s3://{bucket}/lines/", "s3://no-such-output-bucket/out/"))
    assert job.status == JobStatus.FAILED
    assert job.message.startswith("NO_WRITE_ACCESS_TO_OUTPUT: cannot write to s3://no-such-output")


def test_an_object_that_cannot_be_read_is_one_error_record(bucket):
    missing = InputFile(f"s3://{bucket}/gone.txt", "gone.txt", 12)
    [document] = documents(missing, "ONE_DOC_PER_FILE", opener=S3Storage().open)
    assert document.text is None and document.error_code == "UNREADABLE_FILE"
    assert document.error_message == "The file could not be read: S3 GET failed: NoSuchKey"


def test_kms_key_encrypts_every_put(s3_endpoint, bucket):
    key_id = boto3.client("kms", endpoint_url=s3_endpoint).create_key()["KeyMetadata"]["KeyId"]
    svc = service()
    job_id = start(svc, f"s3://{bucket}/lines/", f"s3://{bucket}/enc/",
                   OutputDataConfig={"KmsKeyId": key_id})
    assert svc.run(job_id).status == JobStatus.COMPLETED
    for key in (f"enc/000000000000-PII-{job_id}/output/output.tar.gz",
                "enc/.write_access_check_file.temp"):
        head = s3().head_object(Bucket=bucket, Key=key)
        assert head["ServerSideEncryption"] == "aws:kms" and key_id in head["SSEKMSKeyId"]


def test_a_large_tarball_goes_up_in_parts_and_discard_aborts_partial_uploads(bucket, tmp_path):
    data = tmp_path / "big.data"
    data.write_bytes(os.urandom(MULTIPART_THRESHOLD + 1024))
    storage = S3Storage()
    folder = f"s3://{bucket}/big/000000000000-PII-j1"
    staging = tmp_path / "staging"
    staging.mkdir()
    storage.publish({"big.out": Slice(data, 0, data.stat().st_size)}, folder,
                    OutputLayout.TARBALL, staging, None, lambda: None)
    head = s3().head_object(Bucket=bucket, Key="big/000000000000-PII-j1/output/output.tar.gz")
    assert head["ETag"].strip('"').endswith("-2")  # two parts
    s3().create_multipart_upload(Bucket=bucket, Key="big/000000000000-PII-j2/output/x")
    storage.discard(f"s3://{bucket}/big/000000000000-PII-j2", "j2")
    assert s3().list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


def test_output_inside_the_input_prefix_is_refused(bucket):
    from piiscan.errors import InvalidRequestException

    svc = service()
    with pytest.raises(InvalidRequestException, match="would read its own output"):
        start(svc, f"s3://{bucket}/docs/", f"s3://{bucket}/docs/out/")


def test_a_transient_error_is_retried_and_loses_nothing(bucket):
    from botocore.awsrequest import AWSResponse

    class Raw:
        def stream(self, **kwargs):
            yield b"<Error><Code>SlowDown</Code><Message>Reduce your request rate</Message></Error>"

    failures = []

    def throttle_once(request, **kwargs):
        if not failures:
            failures.append(request.url)
            return AWSResponse(request.url, 503, {}, Raw())
        return None

    events = s3_module.client().meta.events
    events.register("before-send.s3.GetObject", throttle_once)
    try:
        svc = service()
        job = svc.run(start(svc, f"s3://{bucket}/lines/", f"s3://{bucket}/retried/"), workers=1)
    finally:
        events.unregister("before-send.s3.GetObject", throttle_once)
    assert len(failures) == 1 and job.status == JobStatus.COMPLETED, job.message
    assert len(records(s3_outputs(bucket, "retried/")["notes.txt.out"])) == 4


def test_the_data_access_role_is_assumed_when_asked(bucket, s3_endpoint, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", s3_endpoint)
    role = "arn:aws:iam::111122223333:role/piiscan-data"
    svc = service()
    monkeypatch.setenv("PIISCAN_S3_ASSUME_ROLE", "1")
    job = svc.run(start(svc, f"s3://{bucket}/lines/", f"s3://{bucket}/as-role/",
                        DataAccessRoleArn=role))
    assert job.status == JobStatus.COMPLETED, job.message
    assumed = s3_module.client(role)._request_signer._credentials.get_frozen_credentials()
    assert assumed.access_key != "test" and assumed.token  # STS's, not the environment's
    assert s3_outputs(bucket, "as-role/111122223333-PII-")
    monkeypatch.delenv("PIISCAN_S3_ASSUME_ROLE")
    from piiscan.jobs.storage import storage_for

    assert storage_for("s3://b/x", role).role_arn is None  # not asked: the standard chain
