"""The job commands end to end, with real detached workers and an SQLite store."""

import json
import os
import subprocess
import sys

import pytest


def piiscan(*args, home, cwd=None):
    env = {**os.environ, "PIISCAN_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "piiscan", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300, check=False)


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Hello Zhang Wei, I am John.\nSSN 212-67-4013\n")
    return folder


def test_start_with_cli_input_json_then_describe_list_stop(docs, tmp_path):
    home = tmp_path / "home"
    job = tmp_path / "job.json"
    job.write_text(json.dumps({
        "InputDataConfig": {"S3Uri": str(docs), "InputFormat": "ONE_DOC_PER_LINE"},
        "OutputDataConfig": {"S3Uri": str(tmp_path / "out")},
        "DataAccessRoleArn": "arn:aws:iam::123456789012:role/data-access",
        "LanguageCode": "en", "Mode": "ONLY_OFFSETS", "JobName": "cli"}))
    started = piiscan("start-pii-entities-detection-job", "--cli-input-json", f"file://{job}",
                      home=home)
    assert started.returncode == 0, started.stderr
    job_id = json.loads(started.stdout)["JobId"]
    assert json.loads(started.stdout)["JobStatus"] == "SUBMITTED"
    waited = piiscan("start-pii-entities-detection-job", "--input-uri", str(docs), "--output-uri",
                     str(tmp_path / "out2"), "--mode", "ONLY_OFFSETS", "--wait", home=home)
    assert waited.returncode == 0, waited.stderr
    final = json.loads(waited.stdout)["PiiEntitiesDetectionJobProperties"]
    assert final["JobStatus"] == "COMPLETED"
    assert "COMPLETED" in waited.stderr and "documents" in waited.stderr
    described = json.loads(piiscan("describe-pii-entities-detection-job", "--job-id", job_id,
                                   home=home).stdout)["PiiEntitiesDetectionJobProperties"]
    assert described["JobName"] == "cli"
    assert described["SubmitTime"].endswith("+00:00")
    listed = json.loads(piiscan("list-pii-entities-detection-jobs", "--filter", "JobName=cli",
                                home=home).stdout)
    assert [p["JobId"] for p in listed["PiiEntitiesDetectionJobPropertiesList"]] == [job_id]
    stopped = piiscan("stop-pii-entities-detection-job", "--job-id", final["JobId"], home=home)
    assert stopped.returncode == 3 and "InvalidRequestException" in stopped.stderr


@pytest.mark.parametrize(("args", "code", "text"), [
    (["start-pii-entities-detection-job", "--cli-input-json", "{not json"], 3, "not valid JSON"),
    (["start-pii-entities-detection-job", "--cli-input-json", "file:///no/such/job.json"], 3,
     "cannot read"),
    (["start-pii-entities-detection-job", "--input-uri", "in"], 2, "--output-uri is required"),
    (["start-pii-entities-detection-job", "--input-uri", "in", "--output-uri", "out"], 2,
     "--mode is required"),
    (["start-pii-entities-detection-job", "--cli-input-json", ""], 2, "--cli-input-json is empty"),
    (["start-pii-entities-detection-job", "--input-uri", "in", "--output-uri", "out", "--mode",
      "ONLY_OFFSETS", "--workers", "0"], 2, "must be 1 or more"),
    (["describe-pii-entities-detection-job", "--job-id", "0" * 32], 3, "JobNotFoundException"),
    (["list-pii-entities-detection-jobs", "--filter", "JobStatus=DONE"], 3,
     "ValidationException"),
])
def test_job_command_errors(tmp_path, args, code, text):
    result = piiscan(*args, home=tmp_path / "home")
    assert result.returncode == code
    assert text in result.stderr
    assert result.stdout == ""


def test_failed_job_exits_5_with_message(tmp_path):
    result = piiscan("start-pii-entities-detection-job", "--input-uri", str(tmp_path / "missing"),
                     "--output-uri", str(tmp_path / "out"), "--mode", "ONLY_OFFSETS", "--wait",
                     home=tmp_path / "home")
    assert result.returncode == 5
    assert json.loads(result.stdout)["PiiEntitiesDetectionJobProperties"]["Message"].startswith(
        "NO_INPUT_DATA:")


def test_workers_option_runs_the_job(docs, tmp_path):
    result = piiscan("start-pii-entities-detection-job", "--input-uri", str(docs), "--output-uri",
                     str(tmp_path / "out"), "--mode", "ONLY_OFFSETS", "--workers", "2", "--wait",
                     home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["PiiEntitiesDetectionJobProperties"]["JobStatus"] == \
        "COMPLETED"


def test_an_unusable_job_store_is_one_line_and_exit_4(docs, tmp_path):
    home = tmp_path / "home"
    home.write_text("a file where the state folder should be")
    for args in (["list-pii-entities-detection-jobs"],
                 ["start-pii-entities-detection-job", "--input-uri", str(docs), "--output-uri",
                  str(tmp_path / "out"), "--mode", "ONLY_OFFSETS"]):
        result = piiscan(*args, home=home)
        assert result.returncode == 4, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_text_passed_as_a_code_is_never_echoed(docs, tmp_path):
    result = piiscan("start-pii-entities-detection-job", "--input-uri", str(docs), "--output-uri",
                     str(tmp_path / "out"), "--mode", "ONLY_OFFSETS", "--language-code",
                     "My SSN is 212-67-4013", home=tmp_path / "home")
    assert result.returncode == 3 and "ValidationException" in result.stderr
    assert "212-67-4013" not in result.stderr and "a string of 21 characters" in result.stderr
