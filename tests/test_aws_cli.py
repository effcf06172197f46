"""The real AWS CLI (`aws comprehend ... --endpoint-url`) against `piiscan serve`."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import piiscan

# the venv's own aws (the dev extra installs it), else one on PATH
AWS = str(Path(sys.executable).with_name("aws")) if Path(sys.executable).with_name("aws").exists() \
    else shutil.which("aws") or "aws"


def aws(endpoint, *args, output="json"):
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
           "AWS_DEFAULT_REGION": "eu-west-2", "AWS_CONFIG_FILE": os.devnull,
           "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_MAX_ATTEMPTS": "1"}
    result = subprocess.run([AWS, "comprehend", *args, "--endpoint-url", endpoint, "--output",
                             output], capture_output=True, text=True, env=env, timeout=120,
                            check=False)
    if output == "json" and result.returncode == 0 and result.stdout.strip():
        return result.returncode, json.loads(result.stdout), result.stderr
    return result.returncode, result.stdout, result.stderr


def wait(endpoint, job_id):
    for _ in range(600):
        _, answer, _ = aws(endpoint, "describe-pii-entities-detection-job", "--job-id", job_id)
        status = answer["PiiEntitiesDetectionJobProperties"]["JobStatus"]
        if status in ("COMPLETED", "FAILED", "STOPPED"):
            return answer["PiiEntitiesDetectionJobProperties"]
        time.sleep(0.1)
    raise AssertionError("the job did not end")


def test_detect_and_contains_with_text_output_and_query(piiscan_endpoint):
    text = "Hello Zhang Wei, SSN 212-67-4013"
    code, answer, _ = aws(piiscan_endpoint, "detect-pii-entities", "--text", text,
                          "--language-code", "en")
    assert code == 0 and answer["Entities"] == piiscan.detect_pii_entities(text)["Entities"]
    code, out, _ = aws(piiscan_endpoint, "detect-pii-entities", "--text", text, "--language-code",
                       "en", "--query", "Entities[].Type", output="text")
    assert code == 0 and out.split() == ["NAME", "SSN"]
    code, answer, _ = aws(piiscan_endpoint, "contains-pii-entities", "--text", text,
                          "--language-code", "en")
    assert code == 0 and answer["Labels"] == piiscan.contains_pii_entities(text)["Labels"]


def test_errors_print_the_code_and_exit_255(piiscan_endpoint):
    code, _, err = aws(piiscan_endpoint, "describe-pii-entities-detection-job", "--job-id",
                       "0" * 32)
    assert code == 255 and "JobNotFoundException" in err
    code, _, err = aws(piiscan_endpoint, "detect-pii-entities", "--text", "hi",
                       "--language-code", "fr")
    assert code == 255 and "ValidationException" in err


def test_jobs_with_shorthand_cli_input_json_paging_and_stop(piiscan_endpoint, tmp_path):
    (tmp_path / "in").mkdir()
    for index in range(3):
        (tmp_path / "in" / f"d{index}.txt").write_text(f"SSN 212-67-401{index}\n")
    role = "arn:aws:iam::111122223333:role/data"
    code, started, err = aws(
        piiscan_endpoint, "start-pii-entities-detection-job",
        "--input-data-config", f"S3Uri={tmp_path / 'in'},InputFormat=ONE_DOC_PER_FILE",
        "--output-data-config", f"S3Uri={tmp_path / 'out'}", "--mode", "ONLY_REDACTION",
        "--redaction-config", "PiiEntityTypes=[SSN],MaskMode=REPLACE_WITH_PII_ENTITY_TYPE",
        "--data-access-role-arn", role, "--language-code", "en", "--job-name", "cli")
    assert code == 0, err
    properties = wait(piiscan_endpoint, started["JobId"])
    assert properties["JobStatus"] == "COMPLETED"
    assert properties["RedactionConfig"]["PiiEntityTypes"] == ["SSN"]
    job = tmp_path / "job.json"
    job.write_text(json.dumps({
        "InputDataConfig": {"S3Uri": str(tmp_path / "in")},
        "OutputDataConfig": {"S3Uri": str(tmp_path / "out")}, "Mode": "ONLY_OFFSETS",
        "DataAccessRoleArn": role, "LanguageCode": "en", "JobName": "cli"}))
    for _ in range(2):
        code, again, err = aws(piiscan_endpoint, "start-pii-entities-detection-job",
                               "--cli-input-json", f"file://{job}")
        assert code == 0, err
        wait(piiscan_endpoint, again["JobId"])
    code, listed, _ = aws(piiscan_endpoint, "list-pii-entities-detection-jobs", "--filter",
                          "JobName=cli", "--page-size", "1")
    assert code == 0 and len(listed["PiiEntitiesDetectionJobPropertiesList"]) == 3
    code, first, _ = aws(piiscan_endpoint, "list-pii-entities-detection-jobs", "--filter",
                         "JobName=cli", "--max-items", "2")
    assert len(first["PiiEntitiesDetectionJobPropertiesList"]) == 2 and first["NextToken"]
    code, rest, _ = aws(piiscan_endpoint, "list-pii-entities-detection-jobs", "--filter",
                        "JobName=cli", "--max-items", "2", "--starting-token", first["NextToken"])
    assert len(rest["PiiEntitiesDetectionJobPropertiesList"]) == 1
    code, _, err = aws(piiscan_endpoint, "stop-pii-entities-detection-job", "--job-id",
                       started["JobId"])
    assert code == 255 and "InvalidRequestException" in err  # it has ended
