"""`piiscan serve` with the real clients: unmodified boto3, and raw HTTP for bad input.

The server runs in this process through the plugin's `piiscan_endpoint` fixture (uvicorn
on a free loopback port), or as its own process started as the README says.
"""

import http.client
import io
import json
import os
import socket
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

import piiscan
from piiscan.server import ServerConfig
from piiscan.testing.server import ThreadedServer

TEXTS = ["Hello Zhang Wei, I am John.", "SSN 212-67-4013 and mail jane.doe@example.com",
         "Call Alice at (206) 555-0100", "Nothing to see here.", "東京 SSNは212-67-4013です 😀"]
NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"})


def comprehend(endpoint, region="us-east-1", key="test", secret="test"):
    return boto3.client("comprehend", endpoint_url=endpoint, region_name=region,
                        aws_access_key_id=key, aws_secret_access_key=secret, config=NO_RETRIES)


def post(endpoint, body, target="Comprehend_20171127.DetectPiiEntities",
         content_type="application/x-amz-json-1.1", headers=None):
    url = urlparse(endpoint)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    sent = {"Content-Type": content_type, **(headers or {})}
    if target is not None:
        sent["X-Amz-Target"] = target
    connection.request("POST", "/", body=body, headers=sent)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    headers = {name.lower(): value for name, value in response.getheaders()}
    return response.status, headers, json.loads(payload) if payload else None


def wait_for(client, job_id, statuses=("COMPLETED", "FAILED", "STOPPED"), seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        answer = client.describe_pii_entities_detection_job(JobId=job_id)
        if answer["PiiEntitiesDetectionJobProperties"]["JobStatus"] in statuses:
            return answer
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not end")


@pytest.mark.parametrize("text", TEXTS)
def test_detect_and_contains_equal_the_library(piiscan_endpoint, text):
    client = comprehend(piiscan_endpoint)
    detected = client.detect_pii_entities(Text=text, LanguageCode="en")
    assert detected["Entities"] == piiscan.detect_pii_entities(text)["Entities"]
    contained = client.contains_pii_entities(Text=text, LanguageCode="en")
    assert contained["Labels"] == piiscan.contains_pii_entities(text)["Labels"]
    request_id = detected["ResponseMetadata"]["RequestId"]
    assert len(request_id) == 36 and request_id == \
        detected["ResponseMetadata"]["HTTPHeaders"]["x-amzn-requestid"]


def test_modeled_errors_come_back_as_botos_exception_classes(piiscan_endpoint):
    client = comprehend(piiscan_endpoint)
    with pytest.raises(client.exceptions.TextSizeLimitExceededException):
        client.detect_pii_entities(Text="a" * 100_001, LanguageCode="en")
    with pytest.raises(client.exceptions.JobNotFoundException) as missing:
        client.describe_pii_entities_detection_job(JobId="0" * 32)
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(client.exceptions.InvalidFilterException):
        client.list_pii_entities_detection_jobs(Filter={"JobStatus": "FAILED", "JobName": "x"})
    request = {"InputDataConfig": {"S3Uri": "/no/such/input"}, "Mode": "ONLY_OFFSETS",
               "LanguageCode": "en", "DataAccessRoleArn": "arn:aws:iam::111122223333:role/d",
               "ClientRequestToken": "token-reused"}
    client.start_pii_entities_detection_job(OutputDataConfig={"S3Uri": "/tmp/out-a"}, **request)
    with pytest.raises(client.exceptions.ResourceInUseException):
        client.start_pii_entities_detection_job(OutputDataConfig={"S3Uri": "/tmp/out-b"},
                                                **request)
    with pytest.raises(ClientError) as too_long:
        client.stop_pii_entities_detection_job(JobId="0" * 33)
    assert too_long.value.response["Error"]["Code"] == "ValidationException"
    with pytest.raises(ClientError) as language:  # unmodeled: a plain ClientError
        client.detect_pii_entities(Text="hi", LanguageCode="fr")
    assert language.value.response["Error"]["Code"] == "ValidationException"
    assert language.value.response["ResponseMetadata"]["RetryAttempts"] == 0


def test_jobs_over_the_wire_with_region_from_the_signature(piiscan_endpoint, tmp_path):
    client = comprehend(piiscan_endpoint, region="eu-west-2")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Hello Zhang Wei\nSSN 212-67-4013\n")
    started = client.start_pii_entities_detection_job(
        InputDataConfig={"S3Uri": str(tmp_path / "in")},
        OutputDataConfig={"S3Uri": f"file://{tmp_path}/out"}, Mode="ONLY_OFFSETS",
        DataAccessRoleArn="arn:aws:iam::111122223333:role/data", LanguageCode="en",
        JobName="wire")
    assert started["JobStatus"] == "SUBMITTED"
    assert started["JobArn"].startswith("arn:aws:comprehend:eu-west-2:111122223333:")
    answer = wait_for(client, started["JobId"])
    properties = answer["PiiEntitiesDetectionJobProperties"]
    assert properties["JobStatus"] == "COMPLETED" and properties["JobName"] == "wire"
    assert properties["SubmitTime"] <= properties["EndTime"]  # epoch seconds parsed as times
    assert answer["ResponseMetadata"]["HTTPHeaders"]["x-piiscan-progress"] == "2/2"
    folder = tmp_path / "out" / f"111122223333-PII-{started['JobId']}" / "output"
    assert properties["OutputDataConfig"]["S3Uri"] == folder.as_uri() + "/"
    assert (folder / "output.tar.gz").exists()
    with pytest.raises(client.exceptions.InvalidRequestException, match="COMPLETED"):
        client.stop_pii_entities_detection_job(JobId=started["JobId"])
    listed = client.list_pii_entities_detection_jobs(Filter={"JobName": "wire"})
    assert [p["JobId"] for p in listed["PiiEntitiesDetectionJobPropertiesList"]] == \
        [started["JobId"]]


def test_the_paginator_and_output_layout_tag(piiscan_endpoint, tmp_path):
    client = comprehend(piiscan_endpoint)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("SSN 212-67-4013\n")
    ids = []
    for _ in range(5):
        ids.append(client.start_pii_entities_detection_job(
            InputDataConfig={"S3Uri": str(tmp_path / "in")},
            OutputDataConfig={"S3Uri": str(tmp_path / "out")}, Mode="ONLY_OFFSETS",
            DataAccessRoleArn="arn:aws:iam::111122223333:role/data", LanguageCode="en",
            JobName="paged", Tags=[{"Key": "piiscan:OutputLayout", "Value": "FILES"}])["JobId"])
    for job_id in ids:
        wait_for(client, job_id)
    pages = client.get_paginator("list_pii_entities_detection_jobs").paginate(
        Filter={"JobName": "paged"}, PaginationConfig={"PageSize": 2})
    sizes, seen = [], []
    for page in pages:
        sizes.append(len(page["PiiEntitiesDetectionJobPropertiesList"]))
        seen += [p["JobId"] for p in page["PiiEntitiesDetectionJobPropertiesList"]]
    assert sizes == [2, 2, 1] and seen == ids
    folder = tmp_path / "out" / f"111122223333-PII-{ids[0]}" / "output"
    assert (folder / "a.txt.out").exists() and not (folder / "output.tar.gz").exists()


def test_the_s3_root_maps_uris_both_ways(tmp_path):
    root = tmp_path / "s3"
    (root / "in-bucket" / "docs").mkdir(parents=True)
    (root / "out-bucket").mkdir()
    (root / "in-bucket" / "docs" / "a.txt").write_text("SSN 212-67-4013\n")
    config = ServerConfig(home=str(tmp_path / "home"), s3_root=str(root))
    with ThreadedServer(config) as server:
        client = comprehend(server.url)
        request = {"OutputDataConfig": {"S3Uri": "s3://out-bucket/results/"},
                   "Mode": "ONLY_OFFSETS", "LanguageCode": "en",
                   "DataAccessRoleArn": "arn:aws:iam::111122223333:role/data"}
        started = client.start_pii_entities_detection_job(
            InputDataConfig={"S3Uri": "s3://in-bucket/docs/"}, **request)
        properties = wait_for(client, started["JobId"])["PiiEntitiesDetectionJobProperties"]
        assert properties["JobStatus"] == "COMPLETED"
        assert properties["InputDataConfig"]["S3Uri"] == "s3://in-bucket/docs/"
        assert properties["OutputDataConfig"]["S3Uri"] == \
            f"s3://out-bucket/results/111122223333-PII-{started['JobId']}/output/"
        assert (root / "out-bucket" / "results" / f"111122223333-PII-{started['JobId']}" /
                "output" / "output.tar.gz").exists()
        for uri in ("s3://no-such-bucket/docs/", "s3://in-bucket/../../etc/"):
            with pytest.raises(client.exceptions.InvalidRequestException):
                client.start_pii_entities_detection_job(InputDataConfig={"S3Uri": uri}, **request)


def test_relative_paths_are_refused_by_a_server(piiscan_endpoint):
    client = comprehend(piiscan_endpoint)
    request = {"OutputDataConfig": {"S3Uri": "/tmp/out"}, "Mode": "ONLY_OFFSETS",
               "LanguageCode": "en", "DataAccessRoleArn": "arn:aws:iam::111122223333:role/d"}
    with pytest.raises(client.exceptions.InvalidRequestException, match="relative path"):
        client.start_pii_entities_detection_job(InputDataConfig={"S3Uri": "docs"}, **request)


def test_a_server_without_s3_root_runs_s3_jobs_on_s3(piiscan_endpoint, s3_endpoint):
    s3 = boto3.client("s3", endpoint_url=s3_endpoint)
    s3.create_bucket(Bucket="served")
    s3.put_object(Bucket="served", Key="in/a.txt", Body=b"SSN 212-67-4013\nnothing")
    client = comprehend(piiscan_endpoint, region="eu-west-2")
    job_id = client.start_pii_entities_detection_job(
        InputDataConfig={"S3Uri": "s3://served/in/"}, OutputDataConfig={"S3Uri": "s3://served/out"},
        Mode="ONLY_OFFSETS", LanguageCode="en",
        DataAccessRoleArn="arn:aws:iam::111122223333:role/d")["JobId"]
    properties = wait_for(client, job_id)["PiiEntitiesDetectionJobProperties"]
    assert properties["JobStatus"] == "COMPLETED", properties.get("Message")
    folder = f"out/111122223333-PII-{job_id}/output/"
    assert properties["OutputDataConfig"]["S3Uri"] == f"s3://served/{folder}"
    assert properties["InputDataConfig"]["S3Uri"] == "s3://served/in/"
    body = s3.get_object(Bucket="served", Key=folder + "output.tar.gz")["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(body)) as archive:
        [member] = archive.getmembers()
        lines = archive.extractfile(member).read().decode().splitlines()
    assert member.name == "a.txt.out" and len(lines) == 2
    assert json.loads(lines[0])["Entities"][0]["Type"] == "SSN"


def test_signatures_are_checked_when_the_server_has_credentials(tmp_path):
    config = ServerConfig(home=str(tmp_path / "home"), access_key="AKIDPIISCAN",
                          secret_key="piiscan-secret")
    with ThreadedServer(config) as server:
        good = comprehend(server.url, region="ap-south-1", key="AKIDPIISCAN",
                          secret="piiscan-secret")
        assert good.detect_pii_entities(Text="SSN 212-67-4013", LanguageCode="en")["Entities"]
        for key, secret in (("AKIDPIISCAN", "wrong"), ("OTHER", "piiscan-secret")):
            with pytest.raises(ClientError) as refused:
                comprehend(server.url, key=key, secret=secret).detect_pii_entities(
                    Text="hi", LanguageCode="en")
            assert refused.value.response["Error"]["Code"] == "InvalidSignatureException"
            assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        status, _, body = post(server.url, b'{"Text": "hi", "LanguageCode": "en"}')
        assert status == 403 and body["__type"] == "InvalidSignatureException"


@pytest.mark.parametrize(("body", "target", "content_type", "status", "code"), [
    (b"{not json", "Comprehend_20171127.DetectPiiEntities", None, 400, "SerializationException"),
    (b"[1, 2]", "Comprehend_20171127.DetectPiiEntities", None, 400, "SerializationException"),
    (b'{"Text": 5, "LanguageCode": "en"}', "Comprehend_20171127.DetectPiiEntities", None, 400,
     "SerializationException"),
    (b'{"Text": "hi"}', "Comprehend_20171127.DetectPiiEntities", None, 400,
     "InvalidRequestException"),
    (b"{}", "Comprehend_20171127.DetectSentiment", None, 400, "UnknownOperationException"),
    (b"{}", None, None, 400, "UnknownOperationException"),
    (b'{"Text": "hi", "LanguageCode": "en"}', "Comprehend_20171127.DetectPiiEntities",
     "text/plain", 400, "SerializationException"),
])
def test_bad_requests_get_comprehends_answers(piiscan_endpoint, body, target, content_type,
                                              status, code):
    got_status, headers, answer = post(piiscan_endpoint, body, target,
                                       content_type or "application/x-amz-json-1.1")
    assert (got_status, answer["__type"]) == (status, code)
    assert headers["x-amzn-requestid"] and answer["message"]


def test_unknown_members_are_ignored_as_aws_servers_ignore_them(piiscan_endpoint):
    status, _, answer = post(piiscan_endpoint,
                             b'{"Text": "SSN 212-67-4013", "LanguageCode": "en", "NewMember": 1}')
    assert status == 200 and answer["Entities"][0]["Type"] == "SSN"


def test_a_ten_megabyte_body_is_refused_and_the_server_goes_on(piiscan_endpoint):
    status, _, answer = post(piiscan_endpoint, b"x" * 10_000_000)
    assert status == 413 and answer["__type"] == "RequestEntityTooLargeException"
    status, _, answer = post(piiscan_endpoint, b'{"Text": "SSN 212-67-4013", "LanguageCode": "en"}')
    assert status == 200


def test_slow_and_vanishing_clients_do_not_stop_the_others(piiscan_endpoint):
    url = urlparse(piiscan_endpoint)
    slow = socket.create_connection((url.hostname, url.port))
    slow.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"
                 b"X-Amz-Target: Comprehend_20171127.DetectPiiEntities\r\n\r\n{\"Te")
    gone = socket.create_connection((url.hostname, url.port))
    gone.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{")
    gone.close()
    try:
        started = time.monotonic()
        status, _, _ = post(piiscan_endpoint,
                                 b'{"Text": "SSN 212-67-4013", "LanguageCode": "en"}')
        assert status == 200 and time.monotonic() - started < 10
    finally:
        slow.close()


def test_a_large_document_does_not_hold_up_small_requests(piiscan_endpoint):
    # ~1 s of detection, which runs on the server's detection thread; small requests are
    # answered on its event loop meanwhile instead of waiting their turn behind it.
    large = json.dumps({"Text": ("Call 206-555-0100 or 212 555 0199. " * 2900)[:99_000],
                        "LanguageCode": "en"}).encode()
    small = b'{"Text": "SSN 212-67-4013", "LanguageCode": "en"}'
    done = []
    worker = threading.Thread(target=lambda: done.append(post(piiscan_endpoint, large)[0]))
    worker.start()
    time.sleep(0.05)
    answers = [post(piiscan_endpoint, small)[0] for _ in range(3)]
    assert answers == [200, 200, 200] and not done
    worker.join()
    assert done == [200]


def test_health(piiscan_endpoint):
    url = urlparse(piiscan_endpoint)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    connection.request("GET", "/health")
    response = connection.getresponse()
    assert response.status == 200 and json.loads(response.read()) == {"status": "ok"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_serving(home, port, *extra):
    env = {**os.environ, "PIISCAN_HOME": str(home)}
    process = subprocess.Popen([sys.executable, "-m", "piiscan", "serve", "--port", str(port),
                                *extra], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError(process.stderr.read().decode())


def test_piiscan_serve_as_the_readme_starts_it_survives_a_restart(tmp_path):
    port = free_port()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("SSN 212-67-4013\n" * 20_000)
    server = start_serving(tmp_path / "home", port, "--workers", "2")
    try:
        client = comprehend(f"http://127.0.0.1:{port}")
        assert client.detect_pii_entities(Text="SSN 212-67-4013", LanguageCode="en")["Entities"]
        started = client.start_pii_entities_detection_job(
            InputDataConfig={"S3Uri": str(tmp_path / "in")},
            OutputDataConfig={"S3Uri": str(tmp_path / "out")}, Mode="ONLY_OFFSETS",
            DataAccessRoleArn="arn:aws:iam::111122223333:role/d", LanguageCode="en")
    finally:
        server.terminate()  # SIGTERM: a graceful shutdown; the job's worker is its own process
        assert server.wait(timeout=60) == 0
    server = start_serving(tmp_path / "home", port)
    try:
        client = comprehend(f"http://127.0.0.1:{port}")
        properties = wait_for(client, started["JobId"])["PiiEntitiesDetectionJobProperties"]
        assert properties["JobStatus"] == "COMPLETED"  # not lost, finished by its worker
    finally:
        server.terminate()
        server.wait(timeout=60)
    assert Path(tmp_path / "out").exists()


def test_the_readme_fixture_example_runs_as_written(tmp_path):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("def test_my_code_finds_the_ssn")
    block = readme[readme.rindex("```python", 0, start) + len("```python"):]
    (tmp_path / "test_readme_server.py").write_text(block[:block.index("```")], encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             str(tmp_path / "test_readme_server.py")], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0 and "1 passed" in result.stdout, result.stdout + result.stderr
